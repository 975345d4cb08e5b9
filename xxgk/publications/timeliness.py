"""Art. 26: publish within 20 working days of the information being formed or changed."""

from __future__ import annotations

from datetime import date

from xxgk.lib.deadlines import is_late, publication_due


def publication_due_on(formed_on: date) -> date:
    """Return the last day to publish (one calendar for the whole system: the DB calendar)."""
    from xxgk.workcalendar.services import db_calendar

    return publication_due(formed_on, calendar=db_calendar()).date


def is_published_late(formed_on: date, published_on: date) -> tuple[date, bool]:
    """Return the due date and whether publishing on `published_on` was late."""
    due = publication_due_on(formed_on)
    return due, is_late(published_on, due)
