"""Masking of applicants' personal data for staff without VIEW_APPLICANT_PERSONAL_DATA."""

from __future__ import annotations


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    """Return value with its middle replaced by *: mask_middle("420281199001011237", 4, 4)
    → "4202**********1237"."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return (
        value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
        if keep_end
        else value[:keep_start] + "*" * (len(value) - keep_start)
    )


def mask_email(value: str) -> str:
    if not value or "@" not in value:
        return mask_middle(value, 1, 0)
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


def masked_contact(application: object, *, full: bool) -> dict[str, str]:
    """Return the applicant's personal data, in full or masked."""
    a = application
    if full:
        return {
            "id_number": a.id_number,  # type: ignore[attr-defined]
            "phone": a.phone,  # type: ignore[attr-defined]
            "email": a.email,  # type: ignore[attr-defined]
            "address": a.address,  # type: ignore[attr-defined]
        }
    return {
        "id_number": mask_middle(a.id_number, 4, 4),  # type: ignore[attr-defined]
        "phone": mask_middle(a.phone, 3, 4),  # type: ignore[attr-defined]
        "email": mask_email(a.email),  # type: ignore[attr-defined]
        "address": mask_middle(a.address, 6, 0),  # type: ignore[attr-defined]
    }
