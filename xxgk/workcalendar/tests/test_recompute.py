"""The explicit call from a calendar change to the case desk's recompute."""

from __future__ import annotations

import sys
import types

import pytest

from xxgk.workcalendar import recompute


def test_it_reports_false_when_the_case_desk_module_is_missing(monkeypatch) -> None:
    monkeypatch.setattr(recompute, "CASE_SERVICES", "xxgk.no_such_module")
    assert recompute.recompute_open_deadlines({2027}, actor=None) is False


def test_it_reports_false_when_the_function_is_missing(monkeypatch) -> None:
    monkeypatch.setattr(recompute, "CASE_SERVICES", "xxgk.errors")
    assert recompute.recompute_open_deadlines({2027}, actor=None) is False


def test_it_calls_the_case_desk_with_the_years_and_actor(monkeypatch) -> None:
    calls: list[tuple[frozenset[int], object]] = []
    fake = types.ModuleType("fake_case_services")
    fake.recompute_open_deadlines = lambda years, *, actor: calls.append((years, actor))
    monkeypatch.setitem(sys.modules, "fake_case_services", fake)
    monkeypatch.setattr(recompute, "CASE_SERVICES", "fake_case_services")
    assert recompute.recompute_open_deadlines([2027], actor="op") is True
    assert calls == [(frozenset({2027}), "op")]


def test_it_does_not_hide_a_broken_import_inside_the_module(monkeypatch, tmp_path) -> None:
    (tmp_path / "broken_case_services.py").write_text("import xxgk_missing_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(recompute, "CASE_SERVICES", "broken_case_services")
    with pytest.raises(ModuleNotFoundError, match="xxgk_missing_dependency"):
        recompute.recompute_open_deadlines([2027], actor=None)
