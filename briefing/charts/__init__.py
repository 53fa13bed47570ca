"""Charts drawn with reportlab.graphics: vector shapes and real text, for both formats.

The PDF places the Drawing itself (so pdftotext finds every label); the DOCX gets it as
SVG (reportlab's renderSVG) with a PNG beside it for readers without SVG. Imported only
when a brief has a chart.
"""
