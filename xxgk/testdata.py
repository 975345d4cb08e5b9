"""Where the tests' files live: inside this repository, never outside it.

The published reports the reader and renderer tests use are copied into
``tests/data/reports/`` (see its README). A missing file raises ``FileNotFoundError`` when a
test opens it: an incomplete checkout fails loudly instead of skipping.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "tests" / "data" / "reports"
SEED = REPORTS / "seed" / "2019_daye_kjj.txt"
SAMPLES = REPORTS / "samples"
EXPECTED = SAMPLES / "expected"
# The reader's corpus: LibreOffice conversions of the samples, variants, scans (issue 13).
CORPUS = REPORTS / "corpus"


def sample(name: str) -> Path:
    """Return the path of a sample report, failing at once when it is not in the checkout."""
    path = SAMPLES / name
    if not path.is_file():
        raise FileNotFoundError(f"test data missing from the repository: {path}")
    return path
