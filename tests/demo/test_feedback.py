import datetime as dt

import pytest
from django.urls import reverse

from demo import agency as demo_agency
from demo import faq as demo_faq
from demo import feedback as demo_feedback
from feedback.models import FAQ, Case
from feedback.services import feedback_statistics
from portal.lib import thai

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 21)


def test_the_demo_year_covers_every_channel_and_is_idempotent():
    demo_agency.agency_seed()
    demo_agency.staff_seed()
    demo_feedback.seed_demo(today=TODAY)
    count = Case.objects.count()
    demo_feedback.seed_demo(today=TODAY)
    assert Case.objects.count() == count == 88
    channels = set(Case.objects.values_list("channel", flat=True))
    assert channels == {c.value for c in Case.Channel}
    assert Case.objects.filter(stream="corruption").count() == 4
    assert Case.objects.overdue(today=TODAY).exists()
    assert Case.objects.filter(entries__kind="reply").distinct().count() > 40
    fy2569 = feedback_statistics(period=thai.FiscalYear(2569).period, today=TODAY)
    fy2570 = feedback_statistics(period=thai.FiscalYear(2570).period, today=TODAY)
    assert fy2569["totals"]["corruption"]["received"] == 3
    assert fy2570["totals"]["corruption"]["received"] == 1
    assert fy2569["totals"]["general"]["completed"] > 10
    assert Case.objects.filter(received_at__date__gt=TODAY).count() == 0


def test_the_demo_publishes_frequently_asked_questions_once(client):
    demo_agency.agency_seed()
    demo_faq.seed_demo(today=TODAY)
    demo_faq.seed_demo(today=TODAY)
    assert FAQ.objects.published().count() == len(demo_faq.QUESTIONS) == 4
    page = client.get(reverse("feedback:faq")).content.decode()
    for _slug, question, _answer in demo_faq.QUESTIONS:
        assert question in page
