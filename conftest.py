"""Shared fixtures: the two-agency world of personas (xxgk/testing.py)."""

from __future__ import annotations

import pytest

from xxgk.testing import World, make_world


@pytest.fixture
def world(db: None) -> World:
    return make_world()
