"""Issue 12 item 9: every finding code emitted anywhere in the code base is registered.

Walks every module of the `xxgk` package (tests excluded) and collects each string literal
shaped like a finding code (``R-…``): readers (xxgk/ingestion), renderers, rules, drafting and
any future app. Each must be in `rules.RULES` (and so, by test_rules_doc.py, in
docs/annual-report-rules.md with its severity). A literal ``Finding("R-…", "<severity>", …)``
must use the registry's severity: one code, one severity.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from xxgk.annual_reports.rules import RULES

PACKAGE = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^R-[A-Z0-9]+(?:-[A-Z0-9]+)*$")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "tests" not in p.relative_to(PACKAGE).parts)


def _literals(tree: ast.AST) -> list[str]:
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value)
    ]


def emitted_codes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in _modules():
        for code in _literals(ast.parse(path.read_text("utf-8"))):
            found.setdefault(code, set()).add(str(path.relative_to(PACKAGE.parent)))
    return found


def literal_severities() -> list[tuple[str, str, str]]:
    out = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Finding"
                and len(node.args) >= 2
                and all(isinstance(a, ast.Constant) for a in node.args[:2])
                and isinstance(node.args[0].value, str)
                and CODE.match(node.args[0].value)
            ):
                code, severity = node.args[0].value, node.args[1].value
                out.append((code, severity, str(path.relative_to(PACKAGE.parent))))
    return out


def test_it_finds_the_codes_of_readers_rules_and_drafting() -> None:
    found = emitted_codes()
    # Sanity: the walk sees the rules, the narrative checks and the structured readers.
    assert "xxgk/annual_reports/rules.py" in found["R-T2-BALANCE"]
    assert "xxgk/ingestion/docx.py" in found["R-TABLE-MISSING"]
    assert "xxgk/annual_reports/rules.py" in found["R-TEXT-PROMPT"]


def test_it_registers_every_emitted_code() -> None:
    registered = {rule.value for rule in RULES}
    unregistered = {
        code: sorted(where) for code, where in emitted_codes().items() if code not in registered
    }
    assert unregistered == {}


def test_it_emits_each_code_with_its_registered_severity() -> None:
    severity = {rule.value: info.severity for rule, info in RULES.items()}
    wrong = [
        (code, sev, where) for code, sev, where in literal_severities() if severity.get(code) != sev
    ]
    assert wrong == []
