from __future__ import annotations

import re
from pathlib import Path

from xxgk.annual_reports.rules import RULES

DOC = Path(__file__).resolve().parents[3] / "docs" / "annual-report-rules.md"


def test_it_documents_every_rule_with_its_severity() -> None:
    rows = re.findall(r"^\| (R-[A-Z0-9-]+) \| (error|warning) \|", DOC.read_text("utf-8"), re.M)
    assert dict(rows) == {rule.value: info.severity for rule, info in RULES.items()}
    assert len(rows) == len(RULES)
