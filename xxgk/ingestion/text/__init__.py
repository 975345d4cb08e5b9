"""Reading a published annual report from plain text (pure, no Django).

Published reports reach us as text in three table shapes, all handled here:

* **line cells** (the seed): one table cell per line, each prefixed by a tab; a line holding
  only the tab is a blank cell;
* **pipe cells** (HTML/crawler exports, and our HTML reader's output): cells separated by ``|``;
  an empty segment is a blank cell;
* **free text** (``pdftotext``/pdfplumber output, web crawls): cells separated by spaces — or by
  nothing at all (``行政许可11315``). Joined digits are split only when exactly one split
  satisfies the printed consistency rules (table 2 row totals, table 3 group totals) and the
  no-leading-zero convention; otherwise the cells stay blank with a finding.

Rows are found by their printed labels in print order, tolerant of spaces inside labels, full-
or half-width punctuation and local explanatory parentheses (规范性文件（指…）). A label only counts
when numbers follow it, so the same words in the narrative are not mistaken for a row. Nothing
is guessed: a cell that cannot be read stays ``None`` and the report carries a finding.

The reader is split by concept: `report` (entry point), `identity`, `headings`, `reading`
(state and table shape), `labels`, `rows`, `cells`, `values`, `joined`, `totals` and
`table1`/`table2`/`table3`.
"""

from __future__ import annotations

from xxgk.ingestion.text.labels import label_pattern
from xxgk.ingestion.text.report import read_text_report

__all__ = ["label_pattern", "read_text_report"]
