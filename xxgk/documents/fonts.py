"""CJK fonts for generated documents, shipped on PyPI (no system font needed).

The OFL Noto Serif SC / Noto Sans SC come from the ``pylopdf_fonts_zh_cn`` package. They are
CID-keyed CFF (``.otf``) fonts; :func:`truetype_subset` cuts them down to the characters a
document uses and converts the outlines to TrueType, because PDF text extractors built on
pdfminer (pdfplumber) cannot decode the custom encoding CMap that fpdf2 writes for CFF fonts.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
SERIF = "NotoSerifSC-Regular.otf"
SANS = "NotoSansSC-Regular.otf"

# Characters never drawn as glyphs: line breaks and tabs are layout, not text.
LAYOUT_CHARACTERS = frozenset("\n\r\t")


def font_path(name: str = SERIF) -> Path:
    """Return the path of a shipped font file (``SERIF`` or ``SANS``)."""
    resource = importlib.resources.files(FONT_PACKAGE) / name
    path = Path(str(resource))
    if not path.is_file():
        raise FileNotFoundError(f"找不到字体文件：{name}（请安装 pylopdf-fonts-zh-cn）")
    return path


@functools.cache
def codepoints(name: str = SERIF) -> frozenset[int]:
    """Return the set of Unicode code points the font has a glyph for (its cmap)."""
    with TTFont(str(font_path(name)), lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str, name: str = SERIF) -> set[str]:
    """Return the characters of ``text`` that the font cannot draw."""
    covered = codepoints(name)
    return {ch for ch in set(text) if ch not in LAYOUT_CHARACTERS and ord(ch) not in covered}


def truetype_subset(text: str, name: str = SERIF) -> bytes:
    """Return a TrueType font holding only the glyphs for ``text`` (plus .notdef)."""
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True
    with TTFont(str(font_path(name)), lazy=True) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text) - LAYOUT_CHARACTERS)) or " ")
        subsetter.subset(font)
        if "CFF " in font:
            _cff_to_glyf(font)
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    """Convert cubic CFF outlines to quadratic TrueType ones in place (fontTools otf2ttf)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for glyph_name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[glyph_name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[glyph_name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
