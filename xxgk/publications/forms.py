"""Staff forms of 主动公开 (input validation only; services decide)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from xxgk.publications.models import Category, Channel, DisclosureMethod, Validity
from xxgk.publications.registers.sheets import SHEETS
from xxgk.widgets import IsoDateInput, IsoDateTimeInput


class RevisionForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    issuer = forms.CharField(label="发布机构", max_length=100, required=False)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    formed_on = forms.DateField(label="成文日期", widget=IsoDateInput())
    category = forms.ModelChoiceField(label="主题分类", queryset=Category.objects.none())
    disclosure_method = forms.ChoiceField(label="公开方式", choices=DisclosureMethod.choices)
    keywords = forms.CharField(label="关键词", max_length=200, required=False)
    summary = forms.CharField(label="内容概述", max_length=500, required=False)
    body = forms.CharField(
        label="正文（可用 HTML 排版，保存时自动清除脚本等不安全内容）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def __init__(self, *args: object, agency: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(agency=agency, is_active=True)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label="定时发布时间（留空则立即发布）",
        required=False,
        widget=IsoDateTimeInput(),
    )
    channels = forms.ModelMultipleChoiceField(
        label="同时登记的渠道", queryset=Channel.objects.none(), required=False
    )

    def __init__(self, *args: object, agency: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = Channel.objects.filter(
            agency=agency, is_active=True
        ).exclude(kind="own_portal")


class ChannelRecordForm(forms.Form):
    channel = forms.ModelChoiceField(label="渠道", queryset=Channel.objects.none())
    # Proposes today: most channel records are entered on the day the item appears there.
    appeared_on = forms.DateField(
        label="发布日期", widget=IsoDateInput(), initial=timezone.localdate
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args: object, agency: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(agency=agency)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件（PDF、DOCX、XLSX、图片）")


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="登记簿", choices=[(k, s.title) for k, s in SHEETS.items()])
    file = forms.FileField(label="填好的 XLSX 模板")
