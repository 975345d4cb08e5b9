from __future__ import annotations

from collections.abc import Iterator

from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Throttle counters live in the cache: no test may see another's.
    cache.clear()
    yield
    cache.clear()
