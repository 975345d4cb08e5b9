"""Regenerate the reader corpus ``tests/data/reports/corpus/`` from the public samples.

Needs LibreOffice (``soffice``), poppler (``pdftoppm``) and Tesseract with ``chi_sim``; CI needs
none of them, because the generated files are committed. Run from the repository root::

    .venv/bin/python tools/build_reader_corpus.py

What it writes (issue 13, item 8):

* ``<kind>/<sample>.<ext>``: each sample HTML page converted by LibreOffice (a producer that is
  not ours) to DOCX, PDF, XLSX, ODT, DOC and XLS;
* ``variant/``: hand-made DOCX variants of those files — full-width digits, "—" and "无" cells,
  units in cells, the title split over runs and lines, a landscape page;
* ``scan/<sample>.pdf``: pages rendered to images (no text layer) and wrapped back into a PDF,
  with ``scan/<sample>.tsv``, Tesseract's output for it, so CI exercises the OCR path;
* ``expected/<name>.json``: the cells every file of that name must give (the sample HTML read by
  the HTML reader, adjusted for what a variant changes). A variant's blanked cells are ``null``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "tests" / "data" / "reports" / "samples"
CORPUS = ROOT / "tests" / "data" / "reports" / "corpus"
NAMES = ("2019_pingtan_lwtj_1", "2019_pingtan_scjgj_1", "2021_pingtan_gwh_1", "2023_pingtan_gwh_1")
# LibreOffice conversions: (folder, --convert-to target, --infilter or None).
CONVERSIONS = (
    ("docx", 'docx:"MS Word 2007 XML"', None),
    ("pdf", "pdf", "HTML (StarWriter)"),
    ("xlsx", "xlsx", "HTML (StarCalc)"),
    ("odt", "odt", None),
    ("doc", 'doc:"MS Word 97"', None),
    ("xls", 'xls:"MS Excel 97"', "HTML (StarCalc)"),
)
SCANS = ("2023_pingtan_gwh_1",)
# Only the pages holding the tables are scanned: the corpus stays small and OCR quick.
TABLE_MARKERS = ("第二十条", "申请人情况", "行政复议")
SCAN_DPI = 150


def soffice(source: Path, outdir: Path, target: str, infilter: str | None, profile: Path) -> None:
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target.replace('"', ""), "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def expected_cells(name: str) -> dict[str, object]:
    from xxgk.ingestion.read import read_report

    report = read_report(SAMPLES / f"{name}.html")
    cells = report.to_json()["cells"]
    return {
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "cells": cells,
    }


def docx_variant(source: Path, target: Path, change) -> None:  # noqa: ANN001 - a callable
    """Copy a DOCX, rewriting ``word/document.xml`` with ``change``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)


def _in_tables(xml: str, change) -> str:  # noqa: ANN001 - a callable
    return re.sub(r"<w:tbl>.*?</w:tbl>", lambda m: change(m.group(0)), xml, flags=re.S)


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def full_width(xml: str) -> str:
    return _in_tables(
        xml,
        lambda t: re.sub(
            r"(<w:t[^>]*>)(\d+)</w:t>",
            lambda m: f"{m.group(1)}{m.group(2).translate(_WIDE)}</w:t>",
            t,
        ),
    )


def build_variants(expected: dict[str, dict]) -> None:
    out = CORPUS / "variant"
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        source = CORPUS / "docx" / f"{name}.docx"
        # Full-width digits in every table cell: the same cells.
        docx_variant(source, out / f"{name}.fullwidth.docx", full_width)
        expected[f"{name}.fullwidth"] = expected[name]
    # "—" and "无" in the place of zeros of table 3: never read as 0, blank with a finding.
    name = "2021_pingtan_gwh_1"
    blanked = dict(expected[name]["cells"])
    counter = {"n": 0}

    def dashes(table: str) -> str:
        if "结果维持" not in re.sub(r"<[^>]+>", "", table):
            return table

        def one(m: re.Match[str]) -> str:
            counter["n"] += 1
            return "<w:t>—</w:t>" if counter["n"] % 2 else "<w:t>无</w:t>"

        return re.sub(r"<w:t>0</w:t>", one, table)

    docx_variant(
        CORPUS / "docx" / f"{name}.docx",
        out / f"{name}.dashes.docx",
        lambda x: _in_tables(x, dashes),
    )
    for code, value in blanked.items():
        if code.startswith("t3.") and value == 0:
            blanked[code] = None
    expected[f"{name}.dashes"] = {**expected[name], "cells": blanked}
    # The title split over several runs and a line break.
    name = "2023_pingtan_gwh_1"

    def split_title(xml: str) -> str:
        title = "平潭综合实验区2023年政府信息公开工作年度报告"
        return xml.replace(
            f"<w:t>{title}</w:t>",
            "<w:t>平潭综合</w:t></w:r><w:r><w:t>实验区</w:t><w:br/><w:t>2023年政府信息</w:t>"
            "</w:r><w:r><w:t>公开工作年度报告</w:t>",
            1,
        )

    docx_variant(CORPUS / "docx" / f"{name}.docx", out / f"{name}.splittitle.docx", split_title)
    expected[f"{name}.splittitle"] = expected[name]


def table_pages(pdf: Path) -> list[int]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [
            page.page_number
            for page in doc.pages
            if any(marker in (page.extract_text() or "") for marker in TABLE_MARKERS)
        ]


def build_scans(profile: Path) -> None:
    from PIL import Image

    from xxgk.ingestion.ocr import tesseract_tsv

    out = CORPUS / "scan"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in SCANS:
            pdf = CORPUS / "pdf" / f"{name}.pdf"
            for number in table_pages(pdf):
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        str(SCAN_DPI),
                        "-gray",
                        "-png",
                        "-f",
                        str(number),
                        "-l",
                        str(number),
                        str(pdf),
                        f"{tmp}/{name}-{number:03d}",
                    ],
                    check=True,
                    timeout=300,
                )
            # 1-bit pages, as a scanner writes them: a few hundred KB for the table pages.
            pages = [Image.open(p).convert("1") for p in sorted(Path(tmp).glob(f"{name}-*.png"))]
            buffer = io.BytesIO()
            pages[0].save(
                buffer, "PDF", save_all=True, append_images=pages[1:], resolution=SCAN_DPI
            )
            (out / f"{name}.pdf").write_bytes(buffer.getvalue())
            (out / f"{name}.tsv").write_text(tesseract_tsv(buffer.getvalue()), encoding="utf-8")


def main() -> None:
    only = sys.argv[1:]  # e.g. "variant" or "scan": rebuild only those parts
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    django.setup()
    expected: dict[str, dict] = {name: expected_cells(name) for name in NAMES}
    with tempfile.TemporaryDirectory() as profile:
        for folder, target, infilter in CONVERSIONS:
            if only and folder not in only:
                continue
            out = CORPUS / folder
            out.mkdir(parents=True, exist_ok=True)
            for name in NAMES:
                soffice(SAMPLES / f"{name}.html", out, target, infilter, Path(profile))
        build_variants(expected)
        if not only or "scan" in only:
            build_scans(Path(profile))
    folder = CORPUS / "expected"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in expected.items():
        (folder / f"{name}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
