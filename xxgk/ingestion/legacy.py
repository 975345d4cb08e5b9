"""Old binary Office files (.doc, .wps, .xls, .et) and password-protected DOCX/XLSX.

All of them are OLE2 compound files. A password-protected DOCX/XLSX is one too (an
``EncryptedPackage`` stream): it is refused with a message saying it is encrypted. The binary
Word/WPS/Excel formats are converted in-process by LibreOffice headless when ``soffice`` is
installed (optional, documented in docs/reader-accuracy.md) to DOCX/XLSX and then read like any
other; without LibreOffice the message says what to install or to save the file as DOCX/PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from xxgk.annual_reports.data import ReportData
from xxgk.ingestion.base import ReportReadError, register

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT_SECONDS = 120


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def read_legacy(data: bytes) -> ReportData:
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise ReportReadError("文件受密码保护（已加密），无法读取；请提供未加密的文件")
    spreadsheet = _utf16("Workbook") in data or _utf16("Book") in data
    word = _utf16("WordDocument") in data
    if not (spreadsheet or word):
        raise ReportReadError("无法识别的旧版 Office 文件（不是 Word/WPS 文档或 Excel/ET 表格）")
    target = "xlsx" if spreadsheet and not word else "docx"
    converted = convert_with_libreoffice(data, "xls" if target == "xlsx" else "doc", target)
    from xxgk.ingestion.read import read_report  # the converted file goes through the registry

    return read_report(converted, f"converted.{target}")


def convert_with_libreoffice(data: bytes, suffix: str, target: str) -> bytes:
    """The file converted by ``soffice --headless`` (a private profile per call)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReportReadError(
            "这是旧版 Word/WPS 或 Excel/ET 文件（.doc/.wps/.xls/.et）；本机未安装 LibreOffice，"
            "无法转换读取。请另存为 DOCX、XLSX 或 PDF 后再提交"
        )
    with tempfile.TemporaryDirectory(prefix="xxgk-convert-") as tmp:
        source = Path(tmp) / f"report.{suffix}"
        source.write_bytes(data)
        filters = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    filters[target],
                    "--outdir",
                    tmp,
                    str(source),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ReportReadError("LibreOffice 转换超时，无法读取该文件") from None
        out = Path(tmp) / f"report.{target}"
        if not out.exists():
            raise ReportReadError("LibreOffice 无法转换该文件（文件可能已损坏或受密码保护）")
        return out.read_bytes()


register(
    "legacy",
    read_legacy,
    sniff=lambda head: head.startswith(OLE_MAGIC),
    extensions=("doc", "wps", "xls", "et"),
)
