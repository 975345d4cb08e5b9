"""Admin edits of the calendar: superusers only, through the services."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.workcalendar.models import CalendarDay, CalendarEvent, CalendarYear
from xxgk.workcalendar.services import db_calendar

pytestmark = pytest.mark.django_db
ADD_DAY = "/admin/workcalendar/calendarday/add/"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root2", "root@example.org", "pw-123456")


def test_it_lets_a_superuser_add_a_day_and_mark_the_year(client, superuser) -> None:
    client.force_login(superuser)
    response = client.post(ADD_DAY, {"date": "2027-01-01", "kind": "holiday", "note": "元旦"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=date(2027, 1, 1))
    assert (day.is_workday, day.kind) == (False, "holiday")
    assert CalendarEvent.objects.filter(type="day_saved", year=2027).count() == 1
    # The day row is not used until the year is marked complete (Mon 4 Jan 2027 stays a
    # working day; 1 Jan is a rest day anyway, as a computed statutory holiday).
    client.post(ADD_DAY, {"date": "2027-01-04", "kind": "in_lieu_rest", "note": "元旦"})
    assert db_calendar().is_workday(date(2027, 1, 4)) is True
    response = client.post(
        "/admin/workcalendar/calendaryear/add/", {"year": "2027", "source": "手工录入"}
    )
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).loaded_by == "root2"
    assert db_calendar().is_workday(date(2027, 1, 1)) is False
    assert db_calendar().is_workday(date(2027, 1, 4)) is False


def test_it_refuses_a_day_that_is_not_an_override(client, superuser) -> None:
    client.force_login(superuser)
    response = client.post(ADD_DAY, {"date": "2027-01-04", "kind": "makeup_workday"})
    assert response.status_code == 200
    assert "本来就是工作日" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2027, 1, 4)).exists()


def test_it_refuses_edits_by_a_non_superuser(client, django_user_model) -> None:
    user = django_user_model.objects.create_user("plain2", password="pw-123456", is_staff=True)
    client.force_login(user)
    response = client.post(ADD_DAY, {"date": "2027-01-01", "kind": "holiday"})
    assert response.status_code in (302, 403)
    assert not CalendarDay.objects.filter(date=date(2027, 1, 1)).exists()
