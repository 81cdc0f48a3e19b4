"""Admin change lists show dates in the Buddhist Era (portal/lib/admin_dates.py)."""

import datetime as dt
import re

import pytest
from django import forms
from django.urls import resolve, reverse
from django.utils import timezone

from feedback.models import Case, Holiday
from portal.lib import thai
from tests.admin_form import admin_form_data
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

BANGKOK = dt.timezone(dt.timedelta(hours=7))


def received(case, moment):
    Case.objects.filter(pk=case.pk).update(received_at=moment)


def test_gregorian_years_in_a_date_label_become_buddhist_era():
    assert thai.be_years_in("พฤศจิกายน 2026") == "พฤศจิกายน 2569"
    assert thai.be_years_in("2025") == "2568"
    # Not a year: a longer number, or a day and month alone.
    assert thai.be_years_in("120260") == "120260"
    assert thai.be_years_in("19 พฤศจิกายน") == "19 พฤศจิกายน"


def test_the_case_list_reads_buddhist_era_dates_and_still_sorts_by_the_stored_time(
    client, triage_officer
):
    older, newer = fb.case(subject="เรื่องเก่า"), fb.case(subject="เรื่องใหม่")
    received(older, dt.datetime(2025, 12, 31, 23, 30, tzinfo=BANGKOK))
    received(newer, dt.datetime(2026, 1, 2, 8, 5, tzinfo=BANGKOK))
    login_staff(client, triage_officer)
    url = reverse("admin:feedback_case_changelist")

    html = client.get(url, {"o": "2"}).content.decode()  # by the date column, oldest first

    assert "31 ธ.ค. 2568 23:30 น." in html and "2 ม.ค. 2569 08:05 น." in html
    assert "2025" not in re.sub(r"<[^>]+>", "", html.split('id="result_list"')[1])
    assert html.index("เรื่องเก่า") < html.index("เรื่องใหม่")
    descending = client.get(url, {"o": "-2"}).content.decode()
    assert descending.index("เรื่องใหม่") < descending.index("เรื่องเก่า")


def test_the_date_drill_down_offers_buddhist_era_years(client, administrator):
    # The holiday list has a drill-down by date (the case list files by fiscal year).
    Holiday.objects.filter(date__year=2026).delete()
    Holiday.objects.create(date=dt.date(2026, 3, 3), name="วันมาฆบูชา")
    login_staff(client, administrator)

    html = client.get(reverse("admin:feedback_holiday_changelist")).content.decode()
    drill_down = html.split('id="date-hierarchy-label"')[1].split("</nav>")[0]

    assert "2569" in drill_down and "2026" not in re.sub(r'href="[^"]*"', "", drill_down)


def test_under_the_english_interface_the_dates_stay_gregorian(client, triage_officer):
    case = fb.case()
    received(case, dt.datetime(2026, 1, 2, 8, 5, tzinfo=BANGKOK))
    login_staff(client, triage_officer)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("admin:feedback_case_changelist")).content.decode()

    assert "2 Jan 2026, 08:05" in html


def test_a_case_page_shows_its_dates_and_deadlines_in_the_buddhist_era(client, triage_officer):
    case = fb.case()
    received(case, dt.datetime(2026, 1, 2, 8, 5, tzinfo=BANGKOK))
    Case.objects.filter(pk=case.pk).update(
        report_back_due_on=dt.date(2026, 1, 17), resolve_due_on=dt.date(2026, 2, 1)
    )
    login_staff(client, triage_officer)

    response = client.get(reverse("admin:feedback_case_change", args=[case.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 ม.ค. 2569 08:05 น." in html
    assert "17 ม.ค. 2569" in html and "1 ก.พ. 2569" in html
    page = re.sub(r"<[^>]+>", "", html.split('id="case_form"')[1])
    assert "2026" not in page, page[page.index("2026") - 300 : page.index("2026") + 50]
    # The form still saves: the read-only dates were never form fields.
    url = reverse("admin:feedback_case_change", args=[case.pk])
    assert client.post(url, fb.admin_change_data(response)).status_code == 302


def test_a_reply_is_titled_with_its_bangkok_time_in_the_buddhist_era(client, triage_officer):
    case = fb.case()
    case.entries.create(
        kind="reply",
        body="ได้ส่งช่างไปซ่อมแล้ว",
        author=triage_officer,
        written_at=dt.datetime(2026, 11, 21, 23, 30, tzinfo=dt.UTC),  # 06:30 on the 22nd in Bangkok
    )
    login_staff(client, triage_officer)

    html = client.get(reverse("admin:feedback_case_change", args=[case.pk])).content.decode()

    assert f"{case.tracking_number} 22 พ.ย. 2569 06:30 น." in html


def test_a_date_typed_with_its_buddhist_era_year_is_stored_as_that_day(client, administrator):
    from feedback.models import Holiday

    login_staff(client, administrator)
    # 2567 is a leap year only as 2024: the year is read before the date is checked.
    response = client.post(
        reverse("admin:feedback_holiday_add"), {"date": "29/02/2567", "name": "วันทดสอบ"}
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert Holiday.objects.get(name="วันทดสอบ").date == dt.date(2024, 2, 29)


def test_a_buddhist_era_date_and_time_is_read_too(client, administrator):
    from portal.lib.admin_dates import SplitDateTimeAcceptingBuddhistEra

    moment = SplitDateTimeAcceptingBuddhistEra().clean(["15/10/2568", "09:30"])

    assert timezone.localtime(moment).replace(tzinfo=None) == dt.datetime(2025, 10, 15, 9, 30)


def _date_widgets(form):
    """(field name, widget) of every date box a form draws, split date-times included."""
    from django.contrib.admin import widgets

    for name, field in form.base_fields.items():
        parts = getattr(field.widget, "widgets", [field.widget])
        for widget in parts:
            if isinstance(widget, (widgets.AdminDateWidget, forms.DateInput)):
                yield name, widget


def test_every_date_box_of_every_admin_form_and_inline_speaks_the_buddhist_era(rf, administrator):
    from django.contrib import admin

    from portal.lib.admin_dates import BuddhistEraDateWidget

    request = rf.get("/admin/")
    request.user = administrator
    request.resolver_match = resolve(reverse("admin:index"))
    checked, plain = [], []
    for model_admin in admin.site._registry.values():
        forms_drawn = [(model_admin, model_admin.get_form(request))]
        forms_drawn += [
            (inline, inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for owner, form in forms_drawn:
            for name, widget in _date_widgets(form):
                where = f"{type(owner).__name__}.{name}"
                (checked if isinstance(widget, BuddhistEraDateWidget) else plain).append(where)

    assert not plain, plain
    assert "HolidayAdmin.date" in checked and len(checked) >= 10, checked


def test_a_date_box_shows_its_stored_day_in_the_buddhist_era(client, administrator):
    from feedback.models import Holiday

    holiday = Holiday.objects.create(date=dt.date(2024, 2, 29), name="วันทดสอบ")
    login_staff(client, administrator)

    html = client.get(reverse("admin:feedback_holiday_change", args=[holiday.pk])).content.decode()

    assert 'value="29/02/2567"' in html
    assert "js/admin-buddhist-era.js" in html
    client.cookies["django_language"] = "en"
    english = client.get(reverse("admin:feedback_holiday_change", args=[holiday.pk]))
    assert 'value="2024-02-29"' in english.content.decode()  # Django's English default


def test_the_history_of_a_staff_account_shows_buddhist_era_times_in_bangkok(
    client, administrator, triage_officer
):
    from django.contrib.admin.models import CHANGE, LogEntry

    login_staff(client, administrator)
    url = reverse("admin:auth_user_change", args=[triage_officer.pk])
    client.post(url, admin_form_data(client, url, first_name="สมหญิง"))
    # Late evening in UTC on the last day of February 2026: already 1 March in Bangkok.
    LogEntry.objects.filter(object_id=str(triage_officer.pk), action_flag=CHANGE).update(
        action_time=dt.datetime(2026, 2, 28, 20, 30, tzinfo=dt.UTC)
    )
    page = client.get(reverse("admin:auth_user_history", args=[triage_officer.pk]))
    assert page.status_code == 200
    entries = page.content.decode().split('id="change-history"')[-1]
    assert "1 มี.ค. 2569 03:30 น." in entries
    assert "2026" not in entries
