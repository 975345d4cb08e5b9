"""Forms of the annual-report screens (Chinese labels, server-side validation)."""

from __future__ import annotations

from typing import Any

from django import forms

from xxgk.annual_reports.schema import HEADINGS


class ComputeForm(forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=None, empty_label=None)  # type: ignore[arg-type]
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)
    format = forms.ChoiceField(
        label="格式",
        choices=[
            ("", "按年度自动选择"),
            ("2019", "2019年格式（国办公开办函〔2019〕60号）"),
            ("2021", "2021年格式（国办公开办函〔2021〕30号）"),
        ],
        required=False,
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class SectionsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, heading in enumerate(HEADINGS):
            self.fields[f"s{index}"] = forms.CharField(
                label=heading,
                widget=forms.Textarea(attrs={"rows": 6}),
                required=True,
                error_messages={"required": f"“{heading}”不能为空。"},
            )

    def texts(self) -> list[str]:
        return [self.cleaned_data[f"s{i}"] for i in range(len(HEADINGS))]


class JustifyForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="接受理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label="更正原因与内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReferenceForm(forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)
    file = forms.FileField(label="已发布的年度报告文件（文本、HTML、PDF、DOCX、XLSX 或 JSON）")
