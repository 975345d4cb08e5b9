"""Form of an appeal record."""

from __future__ import annotations

from django import forms

from xxgk.appeals.models import Result, Route
from xxgk.widgets import IsoDateInput

DATE = IsoDateInput()


class AppealForm(forms.Form):
    agency = forms.ChoiceField(label="机关")
    application = forms.CharField(label="关联申请编号（可空）", max_length=60, required=False)
    route = forms.ChoiceField(label="类型", choices=Route.choices)
    body = forms.CharField(label="复议机关/法院", max_length=150)
    case_ref = forms.CharField(label="案号", max_length=100, required=False)
    description = forms.CharField(
        label="案由/说明", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    filed_on = forms.DateField(
        label="申请/起诉日期", widget=DATE, error_messages={"invalid": "请输入有效日期。"}
    )
    decided_on = forms.DateField(
        label="审结日期",
        widget=DATE,
        required=False,
        error_messages={"invalid": "请输入有效日期。"},
    )
    result = forms.ChoiceField(label="结果", choices=Result.choices, initial=Result.PENDING)
    review_body_co_defendant = forms.BooleanField(
        label="本机关作为复议机关为共同被告（不计入表三）", required=False
    )

    def __init__(self, *args: object, agencies: list = (), **kwargs: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]
