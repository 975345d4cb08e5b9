"""Fuzzing the readers with the corpus's real third-party files, truncated and damaged.

Whatever the bytes, ``read_report`` returns a report or refuses with a Chinese
``ReportReadError``; nothing else escapes (issue 13: "never a crash").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual_reports.data import ReportData
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import read_report
from xxgk.testdata import CORPUS

FILES = (
    "docx/2021_pingtan_gwh_1.docx",
    "xlsx/2021_pingtan_gwh_1.xlsx",
    "odt/2021_pingtan_gwh_1.odt",
    "pdf/2021_pingtan_gwh_1.pdf",
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def original(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        report = read_report(data, filename=Path(name).name)
    except ReportReadError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert isinstance(report, ReportData)


@FUZZ
@given(name=st.sampled_from(FILES), cut=st.floats(min_value=0.0, max_value=0.999))
def test_truncated_files_never_crash(name: str, cut: float) -> None:
    data = original(name)
    read_or_refuse(data[: max(1, int(len(data) * cut))], name)


@FUZZ
@given(
    name=st.sampled_from(FILES),
    at=st.floats(min_value=0.0, max_value=0.999),
    junk=st.binary(min_size=1, max_size=64),
)
def test_damaged_files_never_crash(name: str, at: float, junk: bytes) -> None:
    data = original(name)
    i = int(len(data) * at)
    read_or_refuse(data[:i] + junk + data[i + len(junk) :], name)


@FUZZ
@given(
    head=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""]),
    body=st.binary(max_size=2048),
)
def test_random_bytes_never_crash(head: bytes, body: bytes) -> None:
    read_or_refuse(head + body, "random.bin")
