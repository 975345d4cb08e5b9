"""Template filters that show a finding as a person reads it: the rule in Chinese, code small."""

from __future__ import annotations

from django import template

from xxgk.annual_reports.rules import RULES

register = template.Library()
SUMMARIES = {rule.value: info.summary for rule, info in RULES.items()}


@register.filter
def rule_summary(code: str) -> str:
    """The registry's Chinese statement of the rule behind a finding code (the code if unknown)."""
    return SUMMARIES.get(code, code)
