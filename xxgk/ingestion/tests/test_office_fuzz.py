"""Fuzzing the DOCX and XLSX readers: whatever the bytes, only ``ReportReadError`` escapes."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.render import render
from xxgk.annual_reports.schema import FORMATS
from xxgk.ingestion import archive
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.docx import read_docx
from xxgk.ingestion.read import read_report
from xxgk.ingestion.xlsx import read_xlsx

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = st.sampled_from(["docx", "xlsx"])


@cache
def rendered(kind: str) -> bytes:
    cells = dict.fromkeys(FORMATS["2021"].cell_codes(), 3)
    report = ReportData(
        agency="大冶市科技局",
        year=2022,
        format="2021",
        sections=[Section("一、总体情况", "总体情况。")],
        cells=cells,
    )
    return render(report, kind)


@cache
def members(kind: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(rendered(kind))) as z:
        return {name: z.read(name) for name in z.namelist()}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buffer.getvalue()


def read_or_refuse(data: bytes, kind: str) -> None:
    """Both the reader itself and ``read_report`` (which also catches anything else) refuse
    with a one-line Chinese ``ReportReadError`` or return a report."""
    reader = read_docx if kind == "docx" else read_xlsx
    for read in (reader, lambda d: read_report(d, filename=f"report.{kind}")):
        try:
            report = read(data)
        except ReportReadError as exc:
            assert re.search(r"[\u4e00-\u9fff]", exc.message)  # a Chinese reason
            assert "\n" not in exc.message
        else:
            assert isinstance(report, ReportData)


def test_it_reads_the_intact_files_it_mutates() -> None:
    for kind in ("docx", "xlsx"):
        report = read_report(rendered(kind), filename=f"report.{kind}")
        assert (report.agency, report.year, report.cells["t1.licensing.decisions"]) == (
            "大冶市科技局",
            2022,
            3,
        )


@FUZZ
@given(KINDS, st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b""]), st.binary(max_size=400))
def test_it_refuses_random_bytes_named_as_office_files(kind: str, head: bytes, tail: bytes) -> None:
    read_or_refuse(head + tail, kind)


@FUZZ
@given(KINDS, st.floats(0, 1, exclude_max=True))
def test_it_refuses_truncated_files_from_the_renderers(kind: str, fraction: float) -> None:
    data = rendered(kind)
    read_or_refuse(data[: int(len(data) * fraction)], kind)


@FUZZ
@given(KINDS, st.data())
def test_it_survives_flipped_bytes_in_rendered_files(kind: str, data: st.DataObject) -> None:
    raw = bytearray(rendered(kind))
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    read_or_refuse(bytes(raw), kind)


@FUZZ
@given(KINDS, st.data())
def test_it_survives_a_valid_zip_with_garbage_members(kind: str, data: st.DataObject) -> None:
    files = dict(members(kind))
    names = sorted(files)
    for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)):
        garbage = data.draw(
            st.one_of(
                st.binary(max_size=200),
                st.text(max_size=200).map(str.encode),
                st.just(files[name][: len(files[name]) // 2]),
                st.just(b'<?xml version="1.0"?><a>' + b"<b>" * 50),
            )
        )
        if data.draw(st.booleans()):
            files[name] = garbage
        else:
            del files[name]
    read_or_refuse(zipped(files), kind)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_it_refuses_an_archive_that_would_unpack_too_large(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ReportReadError, match="解压后过大"):
        read_report(rendered(kind), filename=f"report.{kind}")
