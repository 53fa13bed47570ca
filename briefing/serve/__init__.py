"""``briefing serve``: a web editor with a live preview, and an HTTP API.

app.py (routes), inputs.py (request checks), auth.py (the token), workers.py (the
render processes), jobs.py (what a worker does), folder.py (the briefs of FOLDER),
server.py (the command), static/ (the page). Needs the ``serve`` extra (Starlette,
uvicorn, pypdfium2, Pillow), imported only by this command.
"""
