"""Public forms: the online application (条例 Art. 29, domain.md §4.1), tracking, calculator.

Validation here only shapes the input and puts Chinese messages next to the fields; the
rules themselves are the case desk's (`xxgk.applications.services.submit_application`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from xxgk.applications.models import ApplicantKind, Delivery, IdType, RequestedForm
from xxgk.applications.services import ApplicantData, RequestData
from xxgk.applications.services.intake import valid_resident_id
from xxgk.portal import captcha
from xxgk.widgets import IsoDateInput

ORG_KINDS = [k for k in ApplicantKind if k != ApplicantKind.NATURAL]
ORG_KIND_LABELS = [(k.value, k.label.split("·")[-1]) for k in ORG_KINDS]
ID_TYPES_PERSON = [c for c in IdType.choices if c[0] != IdType.CREDIT_CODE]

REQUIRED = "请填写此项。"


def _char(label: str, max_length: int, required: bool = False, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": REQUIRED,
            "max_length": f"{label}最多{max_length}个字。",
        },
        **kw,
    )


class ApplicationForm(forms.Form):
    """Both applicant kinds on one form: 公民 and 法人或者其他组织 (with the table-2 category)."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=[("natural", "公民（自然人）"), ("organisation", "法人或者其他组织")],
        widget=forms.RadioSelect,
        initial="natural",
        error_messages={"required": "请选择申请人类型。", "invalid_choice": "申请人类型无效。"},
    )
    org_kind = forms.ChoiceField(
        label="组织类别",
        choices=[("", "请选择")] + ORG_KIND_LABELS,
        required=False,
        error_messages={"invalid_choice": "组织类别无效。"},
    )
    # 公民
    name = _char("姓名", 100)
    work_unit = _char("工作单位", 150)
    id_type = forms.ChoiceField(
        label="证件名称",
        choices=[("", "请选择")] + ID_TYPES_PERSON,
        required=False,
        error_messages={"invalid_choice": "证件名称无效。"},
    )
    id_number = _char("证件号码", 40)
    # 法人或者其他组织
    org_name = _char("名称", 150)
    credit_code = _char("统一社会信用代码", 18)
    legal_representative = _char("法定代表人", 50)
    contact_person = _char("联系人", 50)
    # 联系方式
    phone = _char("联系电话", 40)
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "电子邮箱格式有误。"},
    )
    address = _char("通信地址", 200)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为6位数字。"},
    )
    # 所需信息
    title = _char("所需信息的名称", 300)
    description = _char(
        "所需信息的内容描述", 2000, required=True, widget=forms.Textarea(attrs={"rows": 5})
    )
    document_number = _char("文号", 100)
    index_number = _char("索引号", 100)
    requested_form = forms.ChoiceField(
        label="指定提供载体形式",
        choices=RequestedForm.choices,
        initial=RequestedForm.PAPER,
        error_messages={"required": "请选择载体形式。", "invalid_choice": "载体形式无效。"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式",
        choices=Delivery.choices,
        initial=Delivery.MAIL,
        error_messages={"required": "请选择获取方式。", "invalid_choice": "获取方式无效。"},
    )
    promise = forms.BooleanField(
        label="本人承诺所填信息真实，并依法使用所获取的政府信息。",
        required=True,
        error_messages={"required": "请阅读并勾选承诺。"},
    )
    captcha_answer = _char("验证题", 4, required=True)
    captcha_token = forms.CharField(widget=forms.HiddenInput, required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    # Required only for one kind of applicant (checked in clean); starred on the form too.
    REQUIRED_FOR_KIND: dict[str, tuple[str, ...]] = {
        "natural": ("name", "id_type", "id_number"),
        "organisation": ("org_kind", "org_name", "credit_code", "contact_person"),
    }
    DESCRIPTION_MAX = 2000

    def __init__(self, *args: Any, challenge: captcha.Challenge | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        if challenge is not None:
            self.fields["captcha_answer"].label = f"验证题：{challenge.question}"
        for names in self.REQUIRED_FOR_KIND.values():
            for name in names:
                self.fields[name].starred = True  # type: ignore[attr-defined]
        # No maxlength on the description: a browser would cut a pasted text silently. The
        # page counts characters as they are typed and the server refuses an overlong text.
        description = self.fields["description"].widget.attrs
        description.pop("maxlength", None)
        description["data-count-max"] = str(self.DESCRIPTION_MAX)
        description["aria-describedby"] = "id_description-count"

    def ask(self, challenge: captcha.Challenge) -> None:
        """Show a new challenge, also after a failed submission.

        Validation has already made (and cached) the bound field with the old label: drop it,
        or the redisplayed form would ask no question and the citizen could only reload and
        lose what was typed. The typed answer is cleared: it belonged to the old question.
        """
        self.fields["captcha_answer"].label = f"验证题：{challenge.question}"
        self._bound_fields_cache.pop("captcha_answer", None)
        if self.is_bound:
            self.data = self.data.copy()
            self.data["captcha_answer"] = ""

    def full_clean(self) -> None:
        super().full_clean()
        # Point each invalid field at its message, for screen readers.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = [f"id_{name}-error"]
                if name == "description":
                    described.append("id_description-count")
                attrs["aria-describedby"] = " ".join(described)

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        is_org = data.get("applicant_type") == "organisation"
        if is_org:
            for field in self.REQUIRED_FOR_KIND["organisation"]:
                if field == "org_kind":
                    if not data.get(field):
                        self.add_error("org_kind", "请选择组织类别（用于年度报告统计）。")
                elif not data.get(field):
                    self.add_error(field, REQUIRED)
        else:
            for field in self.REQUIRED_FOR_KIND["natural"]:
                if not data.get(field):
                    self.add_error(field, REQUIRED)
            if (
                data.get("id_type") == IdType.RESIDENT_ID
                and data.get("id_number")
                and not valid_resident_id(data["id_number"])
            ):
                self.add_error("id_number", "居民身份证号码有误：应为18位，且校验位正确。")
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error("phone", "请至少填写一种联系方式：电话、电子邮箱或通信地址。")
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择以电子邮件获取信息时，请填写电子邮箱。")
        return data

    def applicant(self) -> ApplicantData:
        d = self.cleaned_data
        if d["applicant_type"] == "organisation":
            return ApplicantData(
                kind=d["org_kind"],
                name=d["org_name"],
                organisation_name=d["org_name"],
                credit_code=d["credit_code"],
                legal_representative=d["legal_representative"],
                contact_person=d["contact_person"],
                id_type=IdType.CREDIT_CODE,
                id_number="",
                phone=d["phone"],
                email=d["email"],
                address=d["address"],
                postcode=d["postcode"],
            )
        return ApplicantData(
            kind=ApplicantKind.NATURAL,
            name=d["name"],
            organisation_name=d["work_unit"],
            id_type=d["id_type"],
            id_number=d["id_number"],
            phone=d["phone"],
            email=d["email"],
            address=d["address"],
            postcode=d["postcode"],
        )

    def request_data(self) -> RequestData:
        d = self.cleaned_data
        return RequestData(
            title=d["title"],
            description=d["description"],
            document_number=d["document_number"],
            index_number=d["index_number"],
            requested_form=d["requested_form"],
            delivery=d["delivery"],
        )


class TrackForm(forms.Form):
    # Generous: people paste the code with spaces or dashes between groups; the service
    # ignores them and the case.
    code = forms.CharField(
        label="查询码",
        max_length=64,
        error_messages={"required": "请输入查询码。", "max_length": "查询码最多64个字符。"},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern for <input multiple>)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class AmendmentForm(forms.Form):
    """补正 sent online from the tracking page (条例 Art. 30)."""

    text = forms.CharField(
        label="补正后的申请内容",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "补正内容最多5000字。"},
    )
    files = MultipleFileField(label="补正材料（可多选，每个文件不超过上传限制）", required=False)


def _date(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=IsoDateInput(),
        error_messages={"required": REQUIRED, "invalid": "请按“2025-03-01”的格式填写日期。"},
    )


# Longest span of a case the calculator follows after receipt (pauses and amendments).
MAX_SPAN = timedelta(days=2 * 366)


class DeadlineForm(forms.Form):
    received = _date("收到申请之日", required=True)
    amended = _date("收到补正申请之日（如有）")
    pause_start = _date("暂停计算开始日（征求意见、缴费等，如有）")
    pause_end = _date("暂停计算结束日")
    extension_days = forms.IntegerField(
        label="延长的工作日数（0–20）",
        min_value=0,
        max_value=20,
        required=False,
        initial=0,
        error_messages={
            "invalid": "请填写整数。",
            "min_value": "不能为负数。",
            "max_value": "延长期限最长不得超过20个工作日（《条例》第三十三条）。",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        received: date | None = data.get("received")
        # Bounded so no anonymous request walks centuries of calendar (or overflows a date):
        # the 条例 applies from 2008; a date past next year is a typing error.
        earliest, latest = date(2008, 5, 1), date(timezone.localdate().year + 1, 12, 31)
        if received and not earliest <= received <= latest:
            self.add_error(
                "received",
                f"收到申请之日应在{earliest.year}年5月1日（《条例》施行）至{latest.year}年12月31日之间。",
            )
            return data
        for name in ("amended", "pause_start", "pause_end"):
            value = data.get(name)
            if received and value and value > received + MAX_SPAN:
                self.add_error(name, "该日期应在收到申请之日起两年以内。")
        if self.errors:
            return data
        start, end = data.get("pause_start"), data.get("pause_end")
        if (start is None) != (end is None):
            self.add_error(
                "pause_end" if start else "pause_start", "暂停期间的开始日和结束日须同时填写。"
            )
        if start and end and end < start:
            self.add_error("pause_end", "结束日不能早于开始日。")
        if received and data.get("amended") and data["amended"] < received:
            self.add_error("amended", "收到补正申请之日不能早于收到申请之日。")
        if received and start and start < received:
            self.add_error("pause_start", "暂停开始日不能早于收到申请之日。")
        return data
