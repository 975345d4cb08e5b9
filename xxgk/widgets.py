"""HTML5 date inputs that keep their value whatever the locale's display format.

A browser's ``<input type="date">`` accepts only an ISO value ("2026-11-30"). Django renders a
DateInput's initial value with the locale's first DATE_INPUT_FORMAT, which for zh-hans is
"2026/11/30": the browser shows an empty field and an edit form loses its dates. These widgets
always render ISO; parsing is unchanged (Django's date fields accept ISO in every locale).
"""

from __future__ import annotations

from typing import Any

from django import forms


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")
