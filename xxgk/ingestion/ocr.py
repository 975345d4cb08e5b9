"""OCR of a scanned PDF (no text layer) with Tesseract ``chi_sim`` — optional.

Tesseract is a Debian package (``tesseract-ocr tesseract-ocr-chi-sim``), not a Python
dependency: where it is missing, a scan is refused with a message saying so. Pages are rendered
with pypdfium2 (already installed with pdfplumber) and recognised as one uniform block
(``--psm 6``), so each printed table row stays one line: "行政许可 2629". Tesseract's TSV gives
each word's confidence; a line's confidence is its least sure number, carried to every cell read
from it (:class:`~xxgk.annual_reports.data.CellSource` ``how="ocr"``), and cells below the floor
become R-READ-OCR-LOW findings.

:func:`flat_from_tsv` is pure: the corpus keeps Tesseract's TSV of its scans, so CI exercises the
whole OCR reading path without Tesseract.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from typing import TYPE_CHECKING

from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.flat import FlatText, line_text

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_DPI = 150
OCR_TIMEOUT_SECONDS = 120
MAX_OCR_PAGES = 30
# Tesseract's frequent confusions inside a number: letters read for digits.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5"})
_NUMBERISH = re.compile(r"^[\dOolIS|]+$")
# Longer than any printed character at OCR_DPI (a 16 pt character is ~33 px at 150 dpi).
RULE_MIN_PX = 60
_RULE = re.compile(rb"\x00{%d,}" % RULE_MIN_PX)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def without_rules(image: Image) -> Image:
    """The page with its table rules erased: Tesseract reads a ruled table as noise, and a row
    as one line once the rules are gone. A rule is a run of dark pixels longer than
    ``RULE_MIN_PX`` in a row (horizontal) or, on the transposed page, in a column (vertical)."""
    from PIL import Image as PILImage

    gray = image.convert("L").point(lambda p: 0 if p < 160 else 255)
    for turn in (False, True):
        page = gray.transpose(PILImage.Transpose.TRANSPOSE) if turn else gray
        width, height = page.size
        data = bytearray(page.tobytes())
        for y in range(height):
            row = bytes(data[y * width : (y + 1) * width])
            for m in _RULE.finditer(row):
                data[y * width + m.start() : y * width + m.end()] = b"\xff" * (m.end() - m.start())
        page = PILImage.frombytes("L", (width, height), bytes(data))
        gray = page.transpose(PILImage.Transpose.TRANSPOSE) if turn else page
    return gray


def tesseract_tsv(data: bytes) -> str:
    """Tesseract's TSV for every page of a PDF (``page_num`` set to the page)."""
    if not tesseract_available():
        raise ReportReadError(
            "该PDF是扫描件（没有文字层）；本机未安装 Tesseract OCR（tesseract-ocr-chi-sim），无法识别"
        )
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > MAX_OCR_PAGES:
            raise ReportReadError(f"扫描件超过{MAX_OCR_PAGES}页，不像是年度报告")
        out: list[str] = []
        for index in range(len(pdf)):
            image = pdf[index].render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            buffer = io.BytesIO()
            without_rules(image).save(buffer, "PNG")
            result = subprocess.run(
                ["tesseract", "-", "-", "-l", "chi_sim", "--psm", "6", "tsv"],
                input=buffer.getvalue(),
                capture_output=True,
                timeout=OCR_TIMEOUT_SECONDS,
                check=False,
            )
            if result.returncode != 0:
                raise ReportReadError("扫描件OCR识别失败（Tesseract 出错），无法读取")
            lines = result.stdout.decode("utf-8", "replace").splitlines()
            if not out and lines:
                out.append(lines[0])
            for line in lines[1:]:
                fields = line.split("\t")
                if len(fields) == 12:
                    fields[1] = str(index + 1)
                    out.append("\t".join(fields))
        return "\n".join(out) + "\n"
    finally:
        pdf.close()


def flat_from_tsv(tsv: str) -> FlatText:
    """Tesseract TSV → flat text, one line per recognised line, with its least sure number."""
    lines: dict[tuple[int, ...], list[tuple[int, str, float]]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue
        key = tuple(int(f) for f in fields[1:5])
        word = fields[11].strip()
        if _NUMBERISH.match(word) and any(ch.isdigit() for ch in word):
            word = word.translate(_DIGIT_LOOKALIKES)
        lines.setdefault(key, []).append((int(fields[6]), word, float(fields[10])))
    flat = FlatText()
    for (page, *_), words in sorted(lines.items()):
        text = _join(sorted(words))
        numbers = [conf for _, word, conf in words if word[:1].isdigit() or word[:1] in "+-"]
        flat.line(line_text(text), f"第{page}页（OCR）", min(numbers) if numbers else 100.0)
    return flat


def _join(words: list[tuple[int, str, float]]) -> str:
    # Chinese words are printed without spaces; numbers are separate cells: keep a space
    # only around a number, so "行 政 许 可" reads "行政许可" and cells stay apart.
    out = ""
    for _, word, _ in words:
        if out and (word[0].isdigit() or out[-1].isdigit() or word[0] in "+-"):
            out += " "
        out += word
    return out


def ocr_pdf(data: bytes) -> FlatText:
    return flat_from_tsv(tesseract_tsv(data))
