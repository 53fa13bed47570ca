"""``python -m briefing`` is the same program as the ``briefing`` command."""

from briefing.cli import run

run()
