"""The report as one standalone, printable HTML document (no external CSS, JS or fonts).

Tables keep the official layouts with merged header cells and are accessible (``<caption>``,
``<th scope>``). Every value cell carries its code (``data-code``) and the ``<article>``
carries the report's identity, so the HTML reader gets the exact report back.
"""

from __future__ import annotations

from html import escape

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render.layout import Grid, GridCell, table_grids
from xxgk.annual_reports.render.text import dated_text, paragraphs, report_title, table_slots

STYLE = """
:root { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem;
  font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif SC", "Noto Serif CJK SC",
  "SimSun", serif; font-size: 16pt; line-height: 28pt; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif SC", serif;
  font-size: 22pt; font-weight: normal; line-height: 1.5; text-align: center; margin: 0 0 28pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans SC", "Noto Sans CJK SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.signature, p.dated { text-align: right; padding-right: 4em; text-indent: 0; }
p.signature { margin-top: 28pt; }
table.report-table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em;
  font-size: 10.5pt; line-height: 1.4; page-break-inside: auto; }
table.report-table caption { font-family: "黑体", "SimHei", "Noto Sans SC", sans-serif;
  font-size: 14pt; padding: 0.3em 0; }
table.report-table th, table.report-table td { border: 1px solid #000; padding: 0.2em 0.3em;
  text-align: center; vertical-align: middle; font-weight: normal; }
table.report-table th[scope="row"], table.report-table th[scope="rowgroup"] { text-align: left; }
table.report-table td { min-width: 2.5em; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
/* Phones: a wide table scrolls inside its own box, the page does not. */
@media screen and (max-width: 640px) { table.report-table { display: block; overflow-x: auto; } }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { max-width: none; padding: 0; }
}
"""


def render_html(report: ReportData) -> bytes:
    """Return the complete report as a UTF-8 HTML document."""
    return render_html_text(report).encode("utf-8")


def render_html_text(report: ReportData) -> str:
    title = report_title(report)
    grids = table_grids(report)
    slots = table_slots(report, len(grids))
    attrs = {
        "data-agency": report.agency,
        "data-year": str(report.year),
        "data-format": report.format,
        "data-dated": report.dated.isoformat() if report.dated else "",
        "data-agency-kind": report.agency_kind or "",
        "data-title": report.title if report.title is not None else "",
    }
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<article class="annual-report" '
        + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
        + ">",
        f"<h1>{escape(title)}</h1>",
    ]
    for index, section in enumerate(report.sections):
        out.append('<section class="report-section">')
        out.append(f"<h2>{escape(section.heading)}</h2>")
        out.extend(f"<p>{escape(p)}</p>" for p in paragraphs(section.text))
        out.extend(_table(grids[t]) for t in slots.get(index, []))
        out.append("</section>")
    out.extend(_table(grids[t]) for t in slots.get(None, []))
    out.append(f'<p class="signature">{escape(report.agency)}</p>')
    if report.dated:
        out.append(
            f'<p class="dated"><time datetime="{report.dated.isoformat()}">'
            f"{escape(dated_text(report.dated))}</time></p>"
        )
    out += ["</article>", "</body>", "</html>", ""]
    return "\n".join(out)


def render_tables_fragment(report: ReportData, tables: tuple[str, ...] = ("t1", "t2", "t3")) -> str:
    """Return the report's tables (all three, or those named) for embedding in a web page."""
    return "\n".join(_table(grid) for grid in table_grids(report) if grid.code in tables)


def _table(grid: Grid) -> str:
    out = [f'<table class="report-table" data-table="{grid.code}">']
    out.append(f"<caption>{escape(grid.caption)}</caption>")
    if grid.header_rows:
        out.append("<thead>")
        out.extend(_row(row) for row in grid.rows[: grid.header_rows])
        out.append("</thead>")
    starts = set(grid.groups) or {grid.header_rows}
    open_body = False
    for index in range(grid.header_rows, len(grid.rows)):
        if index in starts:
            if open_body:
                out.append("</tbody>")
            out.append("<tbody>")
            open_body = True
        out.append(_row(grid.rows[index]))
    if open_body:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _row(cells: list[GridCell]) -> str:
    return "<tr>" + "".join(_cell(c) for c in cells) + "</tr>"


def _cell(cell: GridCell) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.header:
        if cell.scope:
            attrs += f' scope="{cell.scope}"'
        return f"<th{attrs}>{escape(cell.text)}</th>"
    if cell.code:
        attrs += f' data-code="{escape(cell.code)}"'
    return f"<td{attrs}>{escape(cell.text)}</td>"
