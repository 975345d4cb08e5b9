"""The vocabularies of a disclosure-on-request case (条例 Art. 29–42, report table 2)."""

from __future__ import annotations

from django.db import models


class Channel(models.TextChoices):
    """How the application arrived; decides the Art. 31 date of receipt."""

    IN_PERSON = "in_person", "当面"
    MAIL_SIGNED = "mail_signed", "邮寄（签收）"
    MAIL_UNSIGNED = "mail_unsigned", "邮寄（平信）"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上"


# Art. 31: for these channels the receipt date is the day both sides confirmed the application
# (平常信函: the 工作机构 confirms with the applicant on the day it receives the letter). A case
# registered by staff on one of them carries the confirmation date the clerk entered; a public
# online submission waits as 待确认 until the office confirms it (`confirm_application`).
CONFIRMATION_CHANNELS = {Channel.MAIL_UNSIGNED, Channel.FAX, Channel.EMAIL, Channel.ONLINE}

RECEIPT_DATE_HELP = {
    Channel.IN_PERSON: "当面提交之日",
    Channel.MAIL_SIGNED: "签收之日",
    Channel.MAIL_UNSIGNED: "与申请人确认之日",
    Channel.FAX: "双方确认之日",
    Channel.EMAIL: "双方确认之日",
    Channel.ONLINE: "双方确认之日",
}


class ApplicantKind(models.TextChoices):
    """The applicant columns of table 2; the values are the report's column codes."""

    NATURAL = "natural", "自然人"
    COMMERCIAL = "commercial", "法人或其他组织·商业企业"
    RESEARCH = "research", "法人或其他组织·科研机构"
    PUBLIC_INTEREST = "public_interest", "法人或其他组织·社会公益组织"
    LEGAL_SERVICES = "legal_services", "法人或其他组织·法律服务机构"
    OTHER_ORG = "other_org", "法人或其他组织·其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码证书"
    OTHER = "other", "其他"


class RequestedForm(models.TextChoices):
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    CD = "cd", "光盘"
    DISK = "disk", "磁盘"


class Delivery(models.TextChoices):
    MAIL = "mail", "邮寄"
    EXPRESS = "express", "快递"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    PICKUP = "pickup", "自行领取"
    ON_SITE = "on_site", "当场阅读、抄录"


class Status(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting_confirmation", "待确认"
    RECEIVED = "received", "办理中"
    AWAITING_AMENDMENT = "awaiting_amendment", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    AWAITING_REASONS = "awaiting_reasons", "待说明理由"
    CLOSED = "closed", "已办结"


# Every allowed status change; services guard with `Application.ensure_can_move_to`.
TRANSITIONS: dict[str, set[str]] = {
    # Art. 31: an online submission has no receipt date until both sides confirmed it.
    Status.AWAITING_CONFIRMATION: {Status.RECEIVED},
    Status.RECEIVED: {
        Status.AWAITING_AMENDMENT,
        Status.CONSULTING,
        Status.AWAITING_FEE,
        Status.AWAITING_REASONS,
        Status.CLOSED,
    },
    Status.AWAITING_AMENDMENT: {Status.RECEIVED, Status.CLOSED},
    Status.CONSULTING: {Status.CONSULTING, Status.RECEIVED},
    Status.AWAITING_FEE: {Status.RECEIVED, Status.CLOSED},
    Status.AWAITING_REASONS: {Status.RECEIVED},
    # Closed is final: a second outcome would count the case twice in table 2.
    Status.CLOSED: set(),
}

OPEN_STATUSES = [s for s in Status if s != Status.CLOSED]


class Outcome(models.TextChoices):
    """The result rows of table 2 (2021 format); the values are the report's row codes.

    2019 format mapping: every value maps to the row of the same code except the three
    ``other.*`` values, which all map to the single 2019 row ``other`` (see OUTCOME_2019).
    """

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD_STATE_SECRET = "withheld.state_secret", "不予公开·属于国家秘密"
    WITHHELD_PROHIBITED = "withheld.prohibited", "不予公开·其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld.security", "不予公开·危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld.third_party", "不予公开·保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld.internal", "不予公开·属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld.process", "不予公开·属于四类过程性信息"
    WITHHELD_ENFORCEMENT_FILE = "withheld.enforcement_file", "不予公开·属于行政执法案卷"
    WITHHELD_INQUIRY = "withheld.inquiry", "不予公开·属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable.not_held", "无法提供·本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable.needs_creation", "无法提供·没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "unavailable.unclear", "无法提供·补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed.petition", "不予处理·信访举报投诉类申请"
    NOT_PROCESSED_DUPLICATE = "not_processed.duplicate", "不予处理·重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed.publication", "不予处理·要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive", "不予处理·无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRM = "not_processed.confirm", "不予处理·要求行政机关确认或重新出具已获取信息"
    OTHER_NO_AMENDMENT = "other.no_amendment", "其他处理·申请人无正当理由逾期不补正"
    OTHER_UNPAID_FEE = "other.unpaid_fee", "其他处理·申请人逾期未按收费通知要求缴纳费用"
    OTHER_OTHER = "other.other", "其他处理·其他"


def outcome_row(outcome: str, fmt: str) -> str:
    """Return the table-2 row code of an outcome in a report format ("2019" or "2021")."""
    if fmt == "2019" and outcome.startswith("other."):
        return "other"
    return outcome


# Outcomes that only the procedure itself may set (they need a lapse on record).
PROCEDURAL_OUTCOMES = {Outcome.OTHER_NO_AMENDMENT, Outcome.OTHER_UNPAID_FEE}
WITHHELD_OUTCOMES = {o for o in Outcome if o.value.startswith("withheld.")}

# The usual legal basis of each outcome (prefilled, editable; domain.md §2.3).
DEFAULT_LEGAL_BASIS: dict[str, str] = {
    Outcome.DISCLOSED: "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    Outcome.PARTIAL: "《中华人民共和国政府信息公开条例》第三十七条",
    Outcome.WITHHELD_STATE_SECRET: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_PROHIBITED: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_SECURITY: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_THIRD_PARTY: "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    Outcome.WITHHELD_INTERNAL: "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    Outcome.WITHHELD_PROCESS: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    Outcome.WITHHELD_INQUIRY: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    Outcome.UNAVAILABLE_NOT_HELD: "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "《中华人民共和国政府信息公开条例》第三十八条",
    Outcome.UNAVAILABLE_UNCLEAR: "《中华人民共和国政府信息公开条例》第三十条",
    Outcome.NOT_PROCESSED_PETITION: "《中华人民共和国政府信息公开条例》第三十九条第一款",
    Outcome.NOT_PROCESSED_DUPLICATE: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    Outcome.NOT_PROCESSED_PUBLICATION: "《中华人民共和国政府信息公开条例》第三十九条第二款",
    Outcome.NOT_PROCESSED_EXCESSIVE: "《中华人民共和国政府信息公开条例》第三十五条",
    Outcome.NOT_PROCESSED_CONFIRM: "《中华人民共和国政府信息公开条例》第三十九条",
    Outcome.OTHER_NO_AMENDMENT: "《中华人民共和国政府信息公开条例》第三十条",
    Outcome.OTHER_UNPAID_FEE: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    Outcome.OTHER_OTHER: "",
}


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", "政府信息公开申请接收回执"
    AMENDMENT = "amendment", "政府信息公开申请补正告知书"
    EXTENSION = "extension", "政府信息公开申请延期答复告知书"
    CONSULT_THIRD_PARTY = "consult_third_party", "政府信息公开申请征求意见书（给第三方）"
    CONSULT_AGENCY = "consult_agency", "政府信息公开申请征求意见书（给共同制作机关）"
    DISCLOSURE_NOTICE_THIRD_PARTY = (
        "disclosure_third_party",
        "政府信息依申请公开告知书（给第三方）",
    )
    FEE = "fee", "政府信息公开申请收费通知书"
    REASONS = "reasons", "政府信息公开申请说明理由告知书"
    REPLY = "reply", "政府信息公开申请答复书"


class EventType(models.TextChoices):
    SUBMITTED = "submitted", "已登记申请"
    CONFIRMED = "confirmed", "已确认收到申请（第三十一条）"
    ATTACHMENT_ADDED = "attachment_added", "已添加附件"
    AMENDMENT_REQUESTED = "amendment_requested", "已发出补正告知"
    AMENDMENT_RECEIVED = "amendment_received", "已收到补正申请"
    AMENDMENT_LAPSED = "amendment_lapsed", "逾期未补正"
    CONSULTATION_STARTED = "consultation_started", "已征求意见"
    CONSULTATION_ANSWERED = "consultation_answered", "已记录征求意见结果"
    CONSULTATION_DELIVERED = "consultation_delivered", "已记录征求意见书送达日期"
    THIRD_PARTY_OVERRIDDEN = "third_party_overridden", "已决定基于公共利益予以公开（告知第三方）"
    EXTENSION_APPROVED = "extension_approved", "已批准延期答复"
    MASS_REQUEST_NOTED = "mass_request_noted", "已认定申请超出合理范围"
    FEE_NOTICE_ISSUED = "fee_notice_issued", "已发出收费通知"
    FEE_NOTICE_DELIVERED = "fee_notice_delivered", "已记录收费通知送达日期"
    FEE_PAID = "fee_paid", "已缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    REASONS_REQUESTED = "reasons_requested", "已要求说明理由"
    REASONS_RECORDED = "reasons_recorded", "已记录申请人说明的理由"
    CLOSED = "closed", "已办结"
    DEADLINE_RECOMPUTED = "deadline_recomputed", "已重新计算答复期限"
    PERSONAL_DATA_PURGED = "personal_data_purged", "已按保存期限清除申请人个人信息"
