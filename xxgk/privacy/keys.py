"""Encryption of applicants' personal data at rest (issue 11, guarantee 14; ADR 0009).

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256, `cryptography`) under a MultiFernet made
of the keys in XXGK_DATA_KEYS: the first key encrypts, every key decrypts, so a new key can be
put first and `xxgk keys rotate` re-encrypts every row under it before the old key is removed.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

# Every Fernet token starts with the version byte 0x80, i.e. "gAAAAA" in URL-safe base64.
# Text that does not is plaintext written before encryption existed (read once by the data
# migration, which encrypts it).
TOKEN_PREFIX = "gAAAAA"


def parse_keys(value: str, name: str = "XXGK_DATA_KEYS") -> list[str]:
    """Split and check a comma-separated list of Fernet keys (a Chinese message if bad)."""
    keys = [item.strip() for item in value.split(",") if item.strip()]
    if not keys:
        raise ImproperlyConfigured(f"配置项 {name} 为空：至少需要一个加密密钥。")
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise ImproperlyConfigured(
                f"配置项 {name} 的第 {number} 个密钥无效：应为 32 字节的 URL 安全 Base64 文本"
                "（可用 xxgk keys generate 生成）。"
            ) from None
    return keys


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


@lru_cache(maxsize=4)
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode("ascii")) for key in keys])


def keyring() -> MultiFernet:
    return _keyring(tuple(settings.XXGK_DATA_KEYS))


def encrypt(text: str) -> str:
    return keyring().encrypt(text.encode("utf-8")).decode("ascii")


def is_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def decrypt(value: str) -> str:
    if not is_token(value):
        return value
    try:
        return keyring().decrypt(value.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(
            "无法解密申请人个人信息：XXGK_DATA_KEYS 中没有加密它时使用的密钥"
            "（更换密钥时须保留旧密钥，直到 xxgk keys rotate 完成）。"
        ) from None


def encrypted_under_primary(value: str) -> bool:
    """True if `value` is a token of the first (current) key."""
    if not is_token(value):
        return False
    primary = Fernet(settings.XXGK_DATA_KEYS[0].encode("ascii"))
    try:
        primary.decrypt(value.encode("ascii"))
    except InvalidToken:
        return False
    return True
