"""A self-hosted arithmetic challenge (no external service: agencies run on intranets).

The question travels in a token signed with SECRET_KEY (django.core.signing) and expires;
the answer is never in the page. A token can be used once: its nonce is recorded in the
cache when consumed, so a replayed form (or a bot re-posting one solved token) fails.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache

SALT = "xxgk.portal.captcha"
MAX_AGE_SECONDS = 30 * 60
_DIGITS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _chinese(n: int) -> str:
    if n <= 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def new_challenge() -> Challenge:
    a = secrets.randbelow(9) + 2
    b = secrets.randbelow(9) + 1
    nonce = secrets.token_hex(8)
    token = signing.dumps({"a": a, "b": b, "n": nonce}, salt=SALT, compress=True)
    return Challenge(
        question=f"{_chinese(a)}加{_chinese(b)}等于几？（请填阿拉伯数字）", token=token
    )


def verify(token: str, answer: str) -> str | None:
    """Return None when right, else a Chinese error. Consumes the token either way."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return "验证题已过期，请回答新的验证题。"
    except signing.BadSignature:
        return "验证题无效，请回答新的验证题。"
    nonce_key = f"xxgk:captcha:{data['n']}"
    if not cache.add(nonce_key, 1, MAX_AGE_SECONDS):
        return "验证题已使用过，请回答新的验证题。"
    try:
        given = int((answer or "").strip())
    except ValueError:
        return "请用阿拉伯数字填写验证题的答案。"
    if given != data["a"] + data["b"]:
        return "验证题答案不正确。"
    return None
