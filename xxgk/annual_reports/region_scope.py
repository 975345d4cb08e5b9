"""Which agencies a region covers: the agencies whose reports go to a government's 主管部门.

The region app (``xxgk.region``) owns the configured 主管部门 of each agency; until an agency is
configured there, its region is the agency tree below the government (``Agency.parent``).
"""

from __future__ import annotations

from xxgk.agencies.models import Agency


def region_agencies(root: Agency) -> list[Agency]:
    """The agencies of ``root``'s region, ``root`` first, then in tree order."""
    return list(Agency.objects.subtree(root).active().order_by("path"))
