"""Forms of the case desk: they validate input; the services decide."""

from __future__ import annotations

from django import forms

from xxgk.applications.models import (
    ApplicantKind,
    Channel,
    Consultation,
    Delivery,
    Fee,
    IdType,
    LetterKind,
    Outcome,
    RequestedForm,
    Status,
)
from xxgk.applications.models.choices import PROCEDURAL_OUTCOMES
from xxgk.widgets import IsoDateInput

DATE = IsoDateInput()


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        error_messages={"invalid": "请输入有效日期（年-月-日）。", "required": "请填写此项。"},
    )


class IntakeForm(forms.Form):
    agency = forms.ChoiceField(label="受理机关")
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    received_on = date_field(
        "收到申请之日（第三十一条：当面为提交日，签收邮件为签收日，其他为双方确认日）"
    )
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label="姓名/名称", max_length=100)
    organisation_name = forms.CharField(label="工作单位/组织名称", max_length=150, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    legal_representative = forms.CharField(label="法定代表人", max_length=50, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    id_type = forms.ChoiceField(
        label="证件类型", choices=[("", "—")] + IdType.choices, required=False
    )
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    title = forms.CharField(label="所需信息名称", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    index_number = forms.CharField(label="索引号", max_length=100, required=False)
    description = forms.CharField(
        label="所需信息的内容描述", widget=forms.Textarea(attrs={"rows": 3})
    )
    requested_form = forms.ChoiceField(label="指定提供载体形式", choices=RequestedForm.choices)
    delivery = forms.ChoiceField(label="获取信息方式", choices=Delivery.choices)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, agencies: list = (), **kwargs: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]


class AmendmentForm(forms.Form):
    sent_on = date_field("告知日期")
    items = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 2}))
    reply_by = date_field("补正期限")


class AmendedForm(forms.Form):
    amended_on = date_field("收到补正申请之日")


class LapseForm(forms.Form):
    on = date_field("认定日期")


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Consultation.Kind.choices)
    party = forms.CharField(label="被征求意见方", max_length=150)
    party_address = forms.CharField(label="地址/联系方式", max_length=200, required=False)
    sent_on = date_field("发出日期")


class ConsultationReplyForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(label="意见", choices=Consultation.Answer.choices)
    on = date_field("收到答复之日（逾期未答复：认定日期）")
    reasons = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ConsultationDeliveryForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    delivered_on = date_field("送达日期（被征求意见方收到征求意见书之日，如签收回执所载）")


class OverrideForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field("决定日期")
    content = forms.CharField(
        label="决定公开的内容（留空则为申请所需信息名称）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reasons = forms.CharField(
        label="不公开可能对公共利益造成重大影响的理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写此项。"},
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=20,
        error_messages={
            "max_value": "延长期限最长不得超过20个工作日。",
            "min_value": "至少延长1个工作日。",
        },
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))
    approved_on = date_field("批准日期")


class MassRequestForm(forms.Form):
    note = forms.CharField(
        label="认定申请数量、频次明显超过合理范围的事实", widget=forms.Textarea(attrs={"rows": 2})
    )


class FeeForm(forms.Form):
    method = forms.ChoiceField(label="计收方式", choices=Fee.Method.choices)
    pages = forms.IntegerField(label="页数（按量计收）", min_value=1, required=False)
    sent_on = date_field("收费通知日期")


class ConfirmForm(forms.Form):
    confirmed_on = date_field("确认日期（与申请人双方确认之日，即收到申请之日）")


class FeeDeliveryForm(forms.Form):
    delivered_on = date_field("送达日期（申请人收到收费通知之日，如邮件签收回执所载）")


class PaymentForm(forms.Form):
    paid_on = date_field("缴费日期")


class ReasonsRequestForm(forms.Form):
    requested_on = date_field("告知日期")
    reply_by = date_field("说明理由期限")


class ReasonsForm(forms.Form):
    received_on = date_field("收到说明之日")
    reasonable = forms.TypedChoiceField(
        label="理由是否合理", choices=[("1", "合理"), ("0", "不合理")], coerce=lambda v: v == "1"
    )
    reasons = forms.CharField(
        label="申请人说明的理由", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    deferred_due = date_field("延迟答复期限（理由合理时）", required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="办理结果（年度报告表二）",
        choices=[(o.value, o.label) for o in Outcome if o not in PROCEDURAL_OUTCOMES],
    )
    closed_on = date_field("答复日期")
    legal_basis = forms.CharField(
        label="法律依据（留空则使用该结果的常用依据）", max_length=300, required=False
    )
    reply_text = forms.CharField(
        label="答复的具体内容", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件", error_messages={"required": "请选择文件。", "empty": "上传的文件是空的。"}
    )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", choices=[("", "全部未办结"), ("all", "全部")] + Status.choices, required=False
    )
    due = forms.ChoiceField(
        label="期限",
        choices=[("", "不限"), ("overdue", "已超期"), ("soon", "5个工作日内到期")],
        required=False,
    )
    q = forms.CharField(label="编号/信息名称", max_length=100, required=False)
    year = forms.IntegerField(label="收到年份", min_value=2000, max_value=2100, required=False)


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型", choices=LetterKind.choices)
    outcome = forms.ChoiceField(
        label="办理结果（仅答复书）", choices=[("", "—")] + Outcome.choices, required=False
    )
    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 12}))
