"""QR codes for printed notices: a reader scans the URL of the online original."""

from __future__ import annotations

import io

import segno


def qr_png(url: str, *, scale: int = 6) -> bytes:
    """Return a PNG image of a QR code for ``url``."""
    if not url:
        raise ValueError("二维码内容不能为空")
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def qr_svg(url: str, *, scale: int = 4) -> bytes:
    """Return an SVG image of a QR code for ``url`` (UTF-8 bytes)."""
    if not url:
        raise ValueError("二维码内容不能为空")
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=scale, border=2, xmldecl=False
    )
    return out.getvalue()
