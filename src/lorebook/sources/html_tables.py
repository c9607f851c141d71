"""A `<table>` written inside a Markdown note read as the table it is, row by row, each row on its own line.

MADR's template and wiki exports put an ADR's metadata in an HTML table (`<tr><th>status</th><td>proposed</td></tr>`).
Markdown keeps such a block as raw HTML, so the status, date and deciders in it were never read. The rows are
found with the standard library's HTML parser; each keeps the line its `<tr>` opens on, so a citation points at
the raw file's own line. Cell text is only ever text: tags are dropped, entities decoded, nothing is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlRow:
    line: int  # 0-based, within the HTML block: where the row's <tr> opens
    end: int = 0  # … and where it closes
    cells: list[str] = field(default_factory=list)
    header: bool = False  # every cell a <th>, or the row sits in <thead>
    keyed: bool = False  # a <th> heads the row and <td>s follow: "<th>status</th><td>proposed</td>"


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[HtmlRow] = []
        self._row: HtmlRow | None = None
        self._cell: list[str] | None = None
        self._th = 0
        self._in_head = False
        self._hidden = 0  # inside <script>/<style>: never text
        self._first_th = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._end_row()
            self._row, self._th, self._first_th = HtmlRow(self.getpos()[0] - 1), 0, False
        elif tag in ("td", "th") and self._row is not None:
            self._end_cell()
            if tag == "th" and not self._row.cells:
                self._first_th = True
            self._cell = []
            self._th += tag == "th"
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            if self._row is not None:
                self._row.end = self.getpos()[0] - 1
            self._end_row()
        elif tag == "thead":
            self._in_head = False

    def handle_data(self, data):
        if self._cell is not None and not self._hidden:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.cells.append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and any(self._row.cells):
            self._row.end = max(self._row.end, self._row.line)
            self._row.header = self._in_head or self._th == len(self._row.cells)
            self._row.keyed = self._first_th and self._th == 1 and len(self._row.cells) > 1
            self.rows.append(self._row)
        self._row = None


def html_table_rows(html: str) -> list[HtmlRow]:
    """The rows of the tables in an HTML block, in order; [] when it holds no table."""
    if not re.search(r"<table\b", html, re.I):
        return []
    parser = _Rows()
    parser.feed(html)
    parser.close()
    parser._end_row()
    return parser.rows
