"""A quick HTML view of a generated Word document (the web front's letter and report
preview): mammoth turns paragraphs, tables, footnotes and the chart picture into plain
HTML in a few milliseconds, where a PDF through LibreOffice takes a second or more.

Only for documents this tool generated itself; a file from outside is shown through the
checker's own reader (see the /check page), never through mammoth.
"""

from __future__ import annotations

import io


def docx_html(data: bytes) -> str:
    import mammoth

    # Keep the Decree 30 header table and footnotes; images become data: URIs (the chart).
    return mammoth.convert_to_html(io.BytesIO(data)).value
