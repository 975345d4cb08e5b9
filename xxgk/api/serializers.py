"""Input and output shapes of the public API (Chinese messages per field)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from xxgk.applications.models import ApplicantKind, Delivery, IdType, RequestedForm
from xxgk.applications.services import ApplicantData, RequestData
from xxgk.applications.services.intake import valid_resident_id

REQUIRED = {"required": "此项为必填项。", "blank": "此项不能为空。", "null": "此项不能为空。"}


def _choice(
    choices: list[tuple[str, str]], label: str, required: bool = True
) -> serializers.ChoiceField:
    codes = "、".join(c for c, _ in choices)
    return serializers.ChoiceField(
        choices=choices,
        required=required,
        error_messages={**REQUIRED, "invalid_choice": f"{label}无效：应为 {codes} 之一。"},
    )


def _text(max_length: int, required: bool = False) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        error_messages={
            **REQUIRED,
            "max_length": f"最多{max_length}个字符。",
            "invalid": "应为文字。",
        },
    )


class ApplicationIn(serializers.Serializer):
    agency = _text(100, required=True)
    applicant_kind = _choice(ApplicantKind.choices, "申请人类型")
    name = _text(100, required=True)
    id_type = _choice(IdType.choices, "证件类型", required=False)
    id_number = _text(40)
    phone = _text(40)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": "电子邮箱格式有误。"},
    )
    address = _text(200)
    postcode = serializers.RegexField(
        r"^\d{6}$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": "邮政编码应为6位数字。"},
    )
    organisation_name = _text(150)
    contact_person = _text(50)
    legal_representative = _text(50)
    title = _text(300)
    description = _text(2000, required=True)
    document_number = _text(100)
    index_number = _text(100)
    form = _choice(RequestedForm.choices, "载体形式（form）", required=False)
    delivery = _choice(Delivery.choices, "获取方式（delivery）", required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, str] = {}
        if not (data.get("phone") or data.get("email") or data.get("address")):
            errors["phone"] = "请至少填写一种联系方式：phone、email 或 address。"
        number = (data.get("id_number") or "").strip().upper()
        data["id_number"] = number
        if data.get("id_type") == IdType.RESIDENT_ID and number and not valid_resident_id(number):
            errors["id_number"] = "居民身份证号码有误：应为18位，且校验位正确。"
        if data["applicant_kind"] == ApplicantKind.NATURAL and not number:
            errors["id_number"] = "请填写证件号码（《条例》第二十九条：身份证明）。"
        if data["applicant_kind"] != ApplicantKind.NATURAL and not number:
            errors["id_number"] = "请填写统一社会信用代码或其他身份证明号码。"
        if errors:
            raise serializers.ValidationError(errors)
        return data

    def applicant(self) -> ApplicantData:
        d = self.validated_data
        is_org = d["applicant_kind"] != ApplicantKind.NATURAL
        credit = (
            d["id_number"]
            if is_org and d.get("id_type", IdType.CREDIT_CODE) == IdType.CREDIT_CODE
            else ""
        )
        return ApplicantData(
            kind=d["applicant_kind"],
            name=d["name"],
            organisation_name=d["organisation_name"] or (d["name"] if is_org else ""),
            credit_code=credit,
            legal_representative=d["legal_representative"],
            contact_person=d["contact_person"],
            id_type=d.get("id_type") or (IdType.CREDIT_CODE if is_org else ""),
            id_number="" if credit else d["id_number"],
            phone=d["phone"],
            email=d["email"],
            address=d["address"],
            postcode=d["postcode"],
        )

    def request_data(self) -> RequestData:
        d = self.validated_data
        return RequestData(
            title=d["title"],
            description=d["description"],
            document_number=d["document_number"],
            index_number=d["index_number"],
            requested_form=d.get("form") or RequestedForm.PAPER,
            delivery=d.get("delivery") or Delivery.MAIL,
        )


class ApplicationOut(serializers.Serializer):
    agency = serializers.CharField()
    case_number = serializers.CharField()
    tracking_code = serializers.CharField()
    received_on = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    due_explanation = serializers.ListField(child=serializers.CharField())


class LetterOut(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    dated = serializers.DateField()


class AmendmentNoticeOut(serializers.Serializer):
    items = serializers.CharField()
    reply_by = serializers.DateField()


class TrackOut(serializers.Serializer):
    agency = serializers.CharField()
    case_number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    received_on = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    due_provisional = serializers.BooleanField()
    due_explanation = serializers.ListField(child=serializers.CharField())
    closed_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField(allow_null=True)
    outcome_label = serializers.CharField(allow_null=True)
    letters = LetterOut(many=True)
    amendment = AmendmentNoticeOut(allow_null=True)


class PublicationOut(serializers.Serializer):
    id = serializers.IntegerField()
    index_number = serializers.CharField()
    title = serializers.CharField()
    agency = serializers.CharField()
    category = serializers.CharField()
    category_id = serializers.IntegerField(allow_null=True)
    item_code = serializers.CharField()
    year = serializers.IntegerField()
    validity = serializers.CharField()
    published_at = serializers.DateTimeField()
    url = serializers.CharField()
    snippet_html = serializers.CharField()


class PublicationPage(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = PublicationOut(many=True)
