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
import threading
from pathlib import Path
from typing import Any

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph

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
    """Return a TrueType font holding only the glyphs for ``text`` (plus .notdef).

    Built from glyphs converted once per process (`_GlyphStore`): subsetting the 20 MB CJK
    font for every document took about a second per PDF; now only characters never drawn
    before in this process are converted, and the small font is assembled from those.
    """
    chars = sorted(set(text) - LAYOUT_CHARACTERS) or [" "]
    return _store(name).build(chars)


@functools.cache
def _store(name: str) -> _GlyphStore:
    return _GlyphStore(name)


class _GlyphStore:
    """One shipped font kept open, with its glyphs converted to TrueType outlines on demand."""

    def __init__(self, name: str) -> None:
        self.font = TTFont(str(font_path(name)), lazy=True)
        self.cmap = self.font.getBestCmap()
        self.glyph_set = self.font.getGlyphSet()
        self.metrics = self.font["hmtx"].metrics
        self.converted: dict[str, Any] = {}
        self.scratch = newTable("glyf")  # compile() wants a table; simple glyphs ignore it
        self.lock = threading.Lock()  # one font object, several request threads (runserver)
        head, hhea, os2 = self.font["head"], self.font["hhea"], self.font["OS/2"]
        self.units_per_em = head.unitsPerEm
        self.bbox = (head.xMin, head.yMin, head.xMax, head.yMax)
        self.hhea_extents = {
            "advanceWidthMax": hhea.advanceWidthMax,
            "minLeftSideBearing": hhea.minLeftSideBearing,
            "minRightSideBearing": hhea.minRightSideBearing,
            "xMaxExtent": hhea.xMaxExtent,
        }
        self.created, self.modified = head.created, head.modified
        self.ascent, self.descent, self.line_gap = hhea.ascent, hhea.descent, hhea.lineGap
        self.os2 = {
            "sTypoAscender": os2.sTypoAscender,
            "sTypoDescender": os2.sTypoDescender,
            "sTypoLineGap": os2.sTypoLineGap,
            "usWinAscent": os2.usWinAscent,
            "usWinDescent": os2.usWinDescent,
            "sxHeight": getattr(os2, "sxHeight", 0),
            "sCapHeight": getattr(os2, "sCapHeight", 0),
            "usWeightClass": os2.usWeightClass,
            "achVendID": os2.achVendID,
            "ulCodePageRange1": 1 << 18,  # Chinese: PRC (GB2312)
        }
        names = self.font["name"]
        self.family = str(names.getDebugName(1) or name)
        self.style = str(names.getDebugName(2) or "Regular")

    def _glyph(self, glyph_name: str) -> tuple[bytes, int, int]:
        """(compiled TrueType glyph, points, contours), converted and compiled once."""
        found = self.converted.get(glyph_name)
        if found is None:
            pen = TTGlyphPen(self.glyph_set)
            self.glyph_set[glyph_name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyph = pen.glyph()
            points = len(glyph.coordinates) if glyph.numberOfContours > 0 else 0
            contours = max(glyph.numberOfContours, 0)
            found = self.converted[glyph_name] = (glyph.compile(self.scratch), points, contours)
        return found

    def build(self, chars: list[str]) -> bytes:
        with self.lock:
            cmap = {ord(ch): self.cmap[ord(ch)] for ch in chars if ord(ch) in self.cmap}
            order = [".notdef", *dict.fromkeys(cmap[c] for c in sorted(cmap))]
            compiled = {g: self._glyph(g) for g in order}
            builder = FontBuilder(self.units_per_em, isTTF=True)
            # Glyphs arrive compiled with their own bounds: never expand and recompute them
            # (that recompilation was most of the remaining time). Font-wide extents below
            # come from the full font, a superset of the subset's.
            builder.font.recalcBBoxes = False
            builder.setupGlyphOrder(order)
            builder.setupCharacterMap(cmap)
            glyf = newTable("glyf")
            glyf.glyphOrder = order
            glyf.glyphs = {g: Glyph(data) for g, (data, _, _) in compiled.items()}
            builder.font["glyf"], builder.font["loca"] = glyf, newTable("loca")
            maxp = builder.font["maxp"]
            maxp.numGlyphs = len(order)
            maxp.maxPoints = max(points for _, points, _ in compiled.values())
            maxp.maxContours = max(contours for _, _, contours in compiled.values())
            maxp.maxZones = 1
            builder.setupHorizontalMetrics({g: self.metrics[g] for g in order})
            builder.setupHorizontalHeader(
                ascent=self.ascent, descent=self.descent, lineGap=self.line_gap,
                **self.hhea_extents,
            )  # fmt: skip
            builder.setupNameTable({"familyName": self.family, "styleName": self.style}, mac=False)
            builder.setupOS2(**self.os2)
            builder.setupPost()
            # Fixed dates: the same text gives the same bytes.
            head = builder.font["head"]
            head.created, head.modified = self.created, self.modified
            head.xMin, head.yMin, head.xMax, head.yMax = self.bbox
            out = io.BytesIO()
            builder.font.save(out)
        return out.getvalue()
