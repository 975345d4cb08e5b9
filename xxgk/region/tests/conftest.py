from __future__ import annotations

import pytest

from xxgk.region.testing import RegionWorld, make_region_world
from xxgk.testing import World


@pytest.fixture
def rw(world: World) -> RegionWorld:
    return make_region_world(world)


@pytest.fixture
def rw_waits(world: World) -> RegionWorld:
    return make_region_world(world, waits=True)
