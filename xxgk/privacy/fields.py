"""Model fields whose values are stored encrypted (see keys.py).

The column is `text` (a token is ~4/3 of the plaintext plus ~60 bytes); validation still uses
the field's own max_length on the plaintext. Tokens are randomised, so these columns can't be
searched or compared in SQL: lookups use a keyed hash (Application.applicant_key).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from xxgk.privacy import keys


class EncryptedMixin:
    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return keys.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if value is None or value == "":
            return value
        # Always encrypt: the attribute never holds a token (from_db_value decrypts), and text
        # typed by a user that merely looks like a token must not be stored in the clear.
        return keys.encrypt(str(value))


class EncryptedCharField(EncryptedMixin, models.CharField):  # type: ignore[misc]
    description = "加密文本"


class EncryptedEmailField(EncryptedMixin, models.EmailField):  # type: ignore[misc]
    description = "加密电子邮箱"


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
