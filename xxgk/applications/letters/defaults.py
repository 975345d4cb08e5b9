"""Shipped letter texts (domain.md §4.2); each agency may override them (LetterTemplate).

Placeholders are written {name}; PLACEHOLDERS lists every one a template may use.
"""

from __future__ import annotations

from xxgk.applications.models.choices import LetterKind, Outcome

PLACEHOLDERS: dict[str, str] = {
    "agency": "机关名称",
    "office": "政府信息公开工作机构名称",
    "office_address": "工作机构地址",
    "office_phone": "工作机构电话",
    "applicant": "申请人姓名或名称",
    "case_number": "申请编号",
    "tracking_code": "查询码",
    "received": "收到申请之日",
    "information": "所需信息名称",
    "number": "本文书文号",
    "dated": "成文日期",
    "due": "答复期限",
    "items": "需要补正的事项",
    "reply_by": "申请人/第三方答复期限",
    "days": "延长的工作日数",
    "extended_due": "延长后的答复期限",
    "reason": "理由",
    "party": "被征求意见方",
    "consulted": "征求意见日期",
    "objection": "第三方不同意公开的理由",
    "content": "决定公开的内容",
    "fee_method": "计收方式",
    "fee_amount": "收费金额（元）",
    "fee_explanation": "收费计算过程",
    "payment_days": "缴费期限（自收到收费通知之日起的工作日数）",
    "outcome": "办理结果",
    "reply_text": "答复的具体内容",
    "legal_basis": "法律依据",
    "remedies": "救济途径条款",
}

_HEAD = "{applicant}：\n本机关于{received}收到您提出的政府信息公开申请（申请编号：{case_number}），申请获取“{information}”。"

PROCEDURAL: dict[str, tuple[str, str]] = {
    LetterKind.RECEIPT: (
        "政府信息公开申请接收回执",
        _HEAD
        + "\n根据《中华人民共和国政府信息公开条例》第三十三条，本机关将在收到申请之日起20个工作日内（即{due}前）予以答复；"
        "需要延长答复期限的，将另行告知。\n您可凭查询码 {tracking_code} 在本机关政府信息公开专栏查询办理进度。"
        "\n联系地址：{office_address}；联系电话：{office_phone}。",
    ),
    LetterKind.AMENDMENT: (
        "政府信息公开申请补正告知书",
        _HEAD
        + "\n经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条，请您对以下事项作出补正：\n{items}"
        "\n请于{reply_by}前提交补正材料。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    LetterKind.EXTENSION: (
        "政府信息公开申请延期答复告知书",
        _HEAD
        + "\n因{reason}，本机关不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款，"
        "答复期限延长{days}个工作日，本机关将于{extended_due}前予以答复。",
    ),
    LetterKind.CONSULT_THIRD_PARTY: (
        "政府信息公开申请征求意见书（给第三方）",
        "{party}：\n本机关于{received}收到政府信息公开申请，申请获取“{information}”。该信息的公开可能损害您的合法权益。"
        "根据《中华人民共和国政府信息公开条例》第三十二条，现书面征求您的意见。请于收到本征求意见书之日起15个工作日内（{reply_by}前）书面提出意见；"
        "不同意公开的，请说明理由。逾期未提出意见的，本机关将依照《条例》的规定决定是否公开。",
    ),
    LetterKind.CONSULT_AGENCY: (
        "政府信息公开申请征求意见书（给共同制作机关）",
        "{party}：\n本机关于{received}收到政府信息公开申请，申请获取“{information}”，该信息由本机关与贵机关共同制作。"
        "根据《中华人民共和国政府信息公开条例》第三十四条，现征求贵机关意见。请于收到本征求意见书之日起15个工作日内（{reply_by}前）提出意见，逾期未提出意见的视为同意公开。",
    ),
    # 条例 Art. 32: disclosure despite the objection, public-interest reasons given in writing.
    LetterKind.DISCLOSURE_NOTICE_THIRD_PARTY: (
        "政府信息依申请公开告知书（给第三方）",
        "{party}：\n本机关于{received}收到政府信息公开申请，申请获取“{information}”。该信息的公开可能损害您的合法权益，"
        "本机关已于{consulted}书面征求您的意见，您不同意公开，理由是：{objection}"
        "\n经审查，本机关认为不公开可能对公共利益造成重大影响。根据《中华人民共和国政府信息公开条例》第三十二条，"
        "本机关决定予以公开，现将决定公开的内容和理由书面告知如下："
        "\n决定公开的内容：{content}\n决定公开的理由：{reason}\n{remedies}",
    ),
    LetterKind.FEE: (
        "政府信息公开申请收费通知书",
        _HEAD
        + "\n经审查，您的申请数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        "本机关决定收取信息处理费，计收方式为{fee_method}，金额为人民币{fee_amount}元。计算过程：{fee_explanation}。"
        "\n请于收到本通知之日起{payment_days}个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。自发出本通知至缴费之日的期间不计算在答复期限内。",
    ),
    LetterKind.REASONS: (
        "政府信息公开申请说明理由告知书",
        _HEAD
        + "\n经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条，请您于{reply_by}前说明理由。"
        "本机关认为理由不合理的，将告知不予处理；理由合理但无法在规定期限内答复的，将确定合理的延迟答复期限并告知您。",
    ),
}

OUTCOME_SENTENCE: dict[str, str] = {
    Outcome.DISCLOSED: "经审查，您申请获取的政府信息属于公开范围，本机关予以公开。",
    Outcome.PARTIAL: "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《条例》第三十七条，本机关向您提供可以公开的部分，其余部分不予公开。",
    Outcome.WITHHELD_STATE_SECRET: "经审查，您申请获取的政府信息依法确定为国家秘密，根据《条例》第十四条，本机关不予公开。",
    Outcome.WITHHELD_PROHIBITED: "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息，根据《条例》第十四条，本机关不予公开。",
    Outcome.WITHHELD_SECURITY: "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，根据《条例》第十四条，本机关不予公开。",
    Outcome.WITHHELD_THIRD_PARTY: "经审查，您申请获取的政府信息涉及第三方合法权益，经书面征求第三方意见，第三方不同意公开且理由合理，根据《条例》第十五条、第三十二条，本机关不予公开。",
    Outcome.WITHHELD_INTERNAL: "经审查，您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，根据《条例》第十六条第一款，本机关不予公开。",
    Outcome.WITHHELD_PROCESS: "经审查，您申请获取的信息属于本机关在履行行政管理职能过程中形成的过程性信息，根据《条例》第十六条第二款，本机关不予公开。",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "经审查，您申请获取的信息属于行政执法案卷信息，根据《条例》第十六条第二款，本机关不予公开。",
    Outcome.WITHHELD_INQUIRY: "经审查，您申请获取的信息属于法律、行政法规对信息的获取有特别规定的行政查询事项，根据《条例》第三十六条第（七）项，请您依照有关法律、行政法规的规定办理。",
    Outcome.UNAVAILABLE_NOT_HELD: "经检索，本机关未制作或者获取您申请的政府信息，根据《条例》第三十六条第（四）项、第（五）项，告知您该政府信息不存在或者不属于本机关负责公开。",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "经审查，本机关没有您申请的现成信息，提供该信息需要对现有政府信息进行加工、分析，根据《条例》第三十八条，本机关不予提供。",
    Outcome.UNAVAILABLE_UNCLEAR: "经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，根据《条例》第三十条，无法向您提供。",
    Outcome.NOT_PROCESSED_PETITION: "经审查，您的申请属于信访、投诉、举报等诉求，根据《条例》第三十九条第一款，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。",
    Outcome.NOT_PROCESSED_DUPLICATE: "经审查，本机关已就您提出的相同政府信息公开申请作出答复，根据《条例》第三十六条第（六）项，本机关不予重复处理。",
    Outcome.NOT_PROCESSED_PUBLICATION: "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物，根据《条例》第三十九条第二款，请您通过公开出版物获取。",
    Outcome.NOT_PROCESSED_EXCESSIVE: "经审查，您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，根据《条例》第三十五条，本机关不予处理。",
    Outcome.NOT_PROCESSED_CONFIRM: "经审查，您的申请系要求本机关确认或者重新出具已获取的信息，不属于《条例》规定的政府信息公开申请，本机关不予处理。",
    Outcome.OTHER_NO_AMENDMENT: "本机关已于补正告知书中告知您需要补正的事项和期限，您无正当理由逾期未补正，根据《条例》第三十条，视为放弃申请，本机关不再处理您的政府信息公开申请。",
    Outcome.OTHER_UNPAID_FEE: "本机关已向您发出收费通知，您逾期未按收费通知要求缴纳费用，视为放弃申请，本机关不再处理您的政府信息公开申请。",
    Outcome.OTHER_OTHER: "经审查，本机关对您的申请作如下处理。",
}

REPLY_TITLE = "政府信息公开申请答复书"
REPLY_BODY = _HEAD + "\n{outcome}\n{reply_text}\n依据：{legal_basis}。\n{remedies}"


def default_text(kind: str, outcome: str = "") -> tuple[str, str]:
    """Return the shipped (title, body) of a letter kind (replies: of an outcome)."""
    if kind == LetterKind.REPLY:
        return REPLY_TITLE, REPLY_BODY.replace("{outcome}", OUTCOME_SENTENCE.get(outcome, ""))
    return PROCEDURAL[kind]
