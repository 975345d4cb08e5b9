from __future__ import annotations

import io

import pytest
from PIL import Image

from xxgk.documents.qr import qr_png, qr_svg


def test_it_makes_png_and_svg_qr_codes() -> None:
    png = qr_png("https://xxgk.example.gov.cn/r/1")
    svg = qr_svg("https://xxgk.example.gov.cn/r/1")

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size[0] == image.size[1] > 100
    assert svg.startswith(b"<svg") and b"</svg>" in svg


def test_it_refuses_an_empty_url() -> None:
    with pytest.raises(ValueError, match="不能为空"):
        qr_png("")
