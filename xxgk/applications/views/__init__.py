"""Staff screens of the case desk."""

from xxgk.applications.views.cases import (
    act,
    attachment,
    confirm,
    detail,
    index,
    intake,
    letter,
    upload,
)
from xxgk.applications.views.config import tables, templates

__all__ = [
    "act",
    "attachment",
    "confirm",
    "detail",
    "index",
    "intake",
    "letter",
    "tables",
    "templates",
    "upload",
]
