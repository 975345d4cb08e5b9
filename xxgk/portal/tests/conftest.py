from __future__ import annotations

from collections.abc import Iterator

from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate limits and single-use challenges live in the cache: no test may see another's.
    cache.clear()
    yield
    cache.clear()
