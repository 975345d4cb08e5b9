"""Fill an official-document builder (PDF or DOCX) with the report: the shared content order."""

from __future__ import annotations

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render.layout import Grid, table_grids
from xxgk.annual_reports.render.text import dated_text, paragraphs, report_title, table_slots
from xxgk.documents.model import Cell, DocumentBuilder


def fill(builder: DocumentBuilder, report: ReportData) -> None:
    """Title, the sections with their text, each table under its section, signature and date."""
    grids = table_grids(report)
    slots = table_slots(report, len(grids))
    builder.add_title(report_title(report))
    for index, section in enumerate(report.sections):
        builder.add_heading(section.heading)
        for paragraph in paragraphs(section.text):
            builder.add_paragraph(paragraph)
        for table in slots.get(index, []):
            add_grid(builder, grids[table])
    for table in slots.get(None, []):
        add_grid(builder, grids[table])
    builder.add_signature(report.agency, dated_text(report.dated) if report.dated else "")


def add_grid(builder: DocumentBuilder, grid: Grid) -> None:
    rows = [
        [
            Cell(
                c.text,
                rowspan=c.rowspan,
                colspan=c.colspan,
                header=c.header,
                align="left" if c.scope in ("row", "rowgroup") else "center",
            )
            for c in row
        ]
        for row in grid.rows
    ]
    builder.add_table(rows, header_rows=grid.header_rows, caption=grid.caption, widths=grid.widths)
