"""The to-do page's evidence-index line: a fiscal year's ITA items whose page
shows nothing for that year, each linking to where it is fixed."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from measures.models import Measure
from tests import factories
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def _evidence_lines(page):
    heading = re.search(r'<h2 id="todo-evidence">[^<]*\((\d+)\)</h2>', page)
    block = page.split('id="todo-evidence"')[1].split("</section>")[0]
    return int(heading.group(1)), re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)


def _item(code, url, year=2569):
    return mf.indicator(assessment_year=year, code=code, url=url, title=f"ตัวชี้วัด {code}")


def test_items_whose_page_is_empty_for_the_year_are_listed_with_their_fix(
    client, agency, director, editor
):
    measure = mf.published_seed(1, director)
    draft = mf.measure(slug="draft-measure")
    mf.activity(held_on=dt.date(2026, 3, 12))  # FY 2569, published
    mf.activity(held_on=dt.date(2025, 3, 12), title="ปีก่อน")  # FY 2568
    mf.improvement(status="done", completed_on=dt.date(2025, 5, 1))  # FY 2568's
    sf.working_group(term_start=dt.date(2023, 10, 1), term_end=dt.date(2025, 9, 30))
    survey = sf.survey(results_public=False, fiscal_year=2569)

    shown = {
        "A1": _item("A1", "/activities/"),
        "A2": _item("A2", measure.get_absolute_url()),
        "A3": _item("A3", "/feedback/statistics/"),  # FY 2569 has begun: always says something
        "A4": _item("A4", "https://example.org/ita"),  # elsewhere: not judged
        "A5": _item("A5", "/measures/"),
    }
    empty = {
        "B1": (_item("B1", "/you-said-we-did/"), reverse("admin:measures_improvement_add")),
        "B2": (_item("B2", "/working-groups/"), reverse("admin:surveys_workinggroup_add")),
        "B3": (_item("B3", draft.get_absolute_url()), None),
        "B4": (_item("B4", "/no-such-page/"), None),
        "B5": (_item("B5", "/surveys/"), None),
        "B6": (_item("B6", f"/surveys/{survey.slug}/results/"), None),
    }
    _item("C1", "/you-said-we-did/", year=2568)  # another year's index
    assert Measure.objects.get(pk=draft.pk).status == Measure.Status.DRAFT

    login_staff(client, editor)
    page = client.get(reverse("staff_todo", args=[2569])).content.decode()
    count, links = _evidence_lines(page)

    assert count == 6
    listed = {text.split(" ")[0]: href.replace("&amp;", "&") for href, text in links}
    assert set(listed) == set(empty)
    for code, (indicator, fix) in empty.items():
        change = reverse("admin:measures_indicator_change", args=[indicator.pk])
        assert listed[code] == (fix or change), code
    assert "ไม่มีการปรับปรุงที่บันทึกในปีงบประมาณ" in page
    assert not set(listed) & set(shown)


def test_filling_the_page_takes_the_item_off_the_list(client, agency, editor):
    _item("B1", "/you-said-we-did/")
    login_staff(client, editor)
    assert _evidence_lines(client.get(reverse("staff_todo", args=[2569])).content.decode())[0] == 1

    mf.improvement(status="planned", created_at=factories.moment(dt.date(2026, 2, 1)))

    page = client.get(reverse("staff_todo", args=[2569])).content.decode()
    assert _evidence_lines(page)[0] == 0
