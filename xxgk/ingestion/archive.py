"""Refuse a ZIP container (DOCX, XLSX) before unpacking it when it would unpack too large.

A small file can declare members of many gigabytes (a "zip bomb"); python-docx and openpyxl
read whole members into memory. The declared sizes are a true upper bound: ``zipfile`` stops
at the declared size and fails the CRC check on anything longer.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from xxgk.ingestion.base import ReportReadError

# A report of three tables unpacks to about 1 MB (DOCX with styles) or 0.2 MB (XLSX).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2000


def check_archive(data: bytes, kind: str) -> None:
    """``ReportReadError`` (Chinese) when ``data`` is not a ZIP or would unpack too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReportReadError(f"无法读取 {kind} 文件：文件损坏或不是 ZIP 压缩格式") from None
    if len(members) > MAX_MEMBERS:
        raise ReportReadError(f"{kind} 文件包含的部件过多（{len(members)} 个），拒绝读取")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReportReadError(
            f"{kind} 文件解压后过大（{unpacked // (1024 * 1024)} MB），"
            f"超过上限 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB，拒绝读取"
        )


def damaged_parts() -> tuple[type[BaseException], ...]:
    """What the ZIP, zlib and XML layers raise on a damaged DOCX/XLSX (not our own bugs)."""
    from xml.etree.ElementTree import ParseError

    from lxml.etree import XMLSyntaxError

    return (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,  # a member packed with a compression method zipfile lacks
        KeyError,  # a required part is missing from the package
        IndexError,  # openpyxl: a cell refers to a missing shared string or style
        ParseError,
        XMLSyntaxError,
        ValueError,
        TypeError,
        OSError,
    )


def damaged(kind: str, exc: BaseException) -> ReportReadError:
    """The Chinese refusal for a DOCX/XLSX whose container or XML parts are damaged."""
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        why = "压缩数据损坏"
    elif isinstance(exc, NotImplementedError):
        why = "使用了不支持的压缩方式"
    elif isinstance(exc, KeyError):
        why = "缺少必需的部件"
    elif type(exc).__name__ in ("ParseError", "XMLSyntaxError"):
        why = "内部 XML 已损坏"
    else:
        why = f"内容无效（{type(exc).__name__}）"
    return ReportReadError(f"无法读取 {kind} 文件：{why}")
