"""The admin's list of apps and models (the index and every page's sidebar) is
kept per kind of staff member (portal/admin_site.py): each role, the
superuser and an account with its own grant see exactly what Django's own
computation shows them, and any change of rights shows on the next request."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from measures.models import Agency
from portal.admin_site import ASKED_PER_REQUEST, KEYED, permission_overrides
from portal.lib import roles
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

INDEX = "/admin/"
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)


def _links(html):
    return [(href, " ".join(text.split())) for href, text in LINK.findall(html)]


def _index_list(html):
    return _links(html[html.index('id="content-main"') : html.index('id="content-related"')])


def _sidebar(html):
    start = html.index('<button class="sticky toggle-nav-sidebar"')
    return html[start : html.index("</nav>", start) + len("</nav>")]


def _uncached(user, path, language):
    """Django's own list for `user` on `path`, built afresh."""
    request = RequestFactory().get(path)
    request.user = get_user_model().objects.get(pk=user.pk)  # no permission cache
    with translation.override(language):
        return request, admin.AdminSite.get_app_list(admin.site, request)


def _django_list(user, path, *, language="th"):
    """The links of the index's list as Django itself builds it for `user`."""
    request, app_list = _uncached(user, path, language)
    context = {"app_list": app_list, "show_changelinks": True}
    with translation.override(language):
        return _links(render_to_string("admin/app_list.html", context, request=request))


def _django_sidebar(user, path, *, language="th"):
    """The sidebar Django itself draws for `user` on the page at `path`."""
    request, app_list = _uncached(user, path, language)
    context = {"available_apps": app_list}
    with translation.override(language):
        return render_to_string("admin/nav_sidebar.html", context, request=request)


def _assert_sidebar_as_django_draws(client, user, page, *, language="th"):
    sidebar = _sidebar(client.get(page).content.decode())
    assert sidebar.split() == _django_sidebar(user, page, language=language).split()
    return sidebar


def _assert_as_django_builds(client, user, *, language="th"):
    shown = _index_list(client.get(INDEX).content.decode())
    assert shown == _django_list(user, INDEX, language=language)
    # The case list where the user may read cases; otherwise a page every staff member may open.
    may_read_cases = get_user_model().objects.get(pk=user.pk).has_perm("feedback.view_case")
    page = reverse("admin:feedback_case_changelist" if may_read_cases else "admin:password_change")
    _assert_sidebar_as_django_draws(client, user, page, language=language)
    return shown


def _one_of_each_kind(agency):
    with_own_grant = factories.staff_user(role=roles.TRIAGE_OFFICER, username="own-grant")
    with_own_grant.user_permissions.add(Permission.objects.get(codename="view_annualreport"))
    superuser = get_user_model().objects.create_user(
        "root", is_staff=True, is_superuser=True, password="x"
    )
    staff = [
        factories.staff_user(role=name, username=f"r{i}") for i, name in enumerate(roles.ROLE_NAMES)
    ]
    return [*staff, superuser, with_own_grant]


def test_every_permission_override_of_a_registered_admin_is_audited():
    overrides = set().union(*(permission_overrides(m) for m in admin.site._registry.values()))
    assert overrides - KEYED.keys() - ASKED_PER_REQUEST.keys() == set(), (
        "audit these in portal/admin_site.py: what does the answer depend on?"
    )
    assert (KEYED.keys() | ASKED_PER_REQUEST.keys()) - overrides == set(), "audit lines of no admin"


def test_every_role_sees_the_list_django_builds_for_it(client, agency):
    seen = {}
    for user in _one_of_each_kind(agency):
        client.logout()
        login_staff(client, user)
        seen[user.username] = _assert_as_django_builds(client, user)
        # Asked again from the kept list: still the same.
        assert _index_list(client.get(INDEX).content.decode()) == seen[user.username]
    corruption = reverse("admin:feedback_corruptionreport_changelist")
    integrity = seen[f"r{roles.ROLE_NAMES.index(roles.INTEGRITY_OFFICER)}"]
    triage = seen[f"r{roles.ROLE_NAMES.index(roles.TRIAGE_OFFICER)}"]
    assert (corruption, "เรื่องร้องเรียนการทุจริต") in integrity
    assert not any(href == corruption for href, _ in triage)
    reports = (reverse("admin:portal_annualreport_changelist"), "รายงานผลการมีส่วนร่วมประจำปี")
    assert reports in seen["own-grant"] and reports not in triage


def test_a_group_joined_or_left_shows_on_the_next_request(client, triage_officer):
    corruption = reverse("admin:feedback_corruptionreport_changelist")
    login_staff(client, triage_officer)
    assert corruption not in dict(_assert_as_django_builds(client, triage_officer))
    integrity = Group.objects.get(name=roles.INTEGRITY_OFFICER)
    triage_officer.groups.add(integrity)
    assert corruption in dict(_assert_as_django_builds(client, triage_officer))
    triage_officer.groups.remove(integrity)
    assert corruption not in dict(_assert_as_django_builds(client, triage_officer))


def test_a_groups_permission_granted_or_removed_shows_on_the_next_request(client, triage_officer):
    faqs = reverse("admin:feedback_faq_changelist")
    login_staff(client, triage_officer)
    assert faqs in dict(_assert_as_django_builds(client, triage_officer))
    group = Group.objects.get(name=roles.TRIAGE_OFFICER)
    group.permissions.remove(*Permission.objects.filter(codename__endswith="_faq"))
    assert faqs not in dict(_assert_as_django_builds(client, triage_officer))
    group.permissions.add(Permission.objects.get(codename="view_faq"))
    assert faqs in dict(_assert_as_django_builds(client, triage_officer))


def test_a_users_own_permission_and_superuser_flag_show_on_the_next_request(client, db):
    clerk = get_user_model().objects.create_user("clerk", is_staff=True)
    surveys = reverse("admin:surveys_survey_changelist")
    users = reverse("admin:auth_user_changelist")
    login_staff(client, clerk)
    assert _assert_as_django_builds(client, clerk) == []
    view_survey = Permission.objects.get(codename="view_survey")
    clerk.user_permissions.add(view_survey)
    assert list(dict(_assert_as_django_builds(client, clerk))) == [
        reverse("admin:app_list", kwargs={"app_label": "surveys"}),
        surveys,
    ]
    clerk.user_permissions.remove(view_survey)
    assert _assert_as_django_builds(client, clerk) == []
    # Adding without reading: the model is named, with an add link and no list link.
    clerk.user_permissions.add(Permission.objects.get(codename="add_faq"))
    assert list(dict(_assert_as_django_builds(client, clerk))) == [
        reverse("admin:app_list", kwargs={"app_label": "feedback"}),
        reverse("admin:feedback_faq_add"),
    ]
    _assert_sidebar_as_django_draws(client, clerk, reverse("admin:feedback_faq_add"))
    clerk.user_permissions.clear()
    assert _assert_as_django_builds(client, clerk) == []
    get_user_model().objects.filter(pk=clerk.pk).update(is_superuser=True)
    assert users in dict(_assert_as_django_builds(client, clerk))
    get_user_model().objects.filter(pk=clerk.pk).update(is_superuser=False)
    assert _assert_as_django_builds(client, clerk) == []


def test_the_one_agencys_add_link_follows_the_records(client, administrator):
    add_agency = reverse("admin:measures_agency_add")
    login_staff(client, administrator)
    assert add_agency in dict(_assert_as_django_builds(client, administrator))
    factories.agency()
    assert add_agency not in dict(_assert_as_django_builds(client, administrator))
    Agency.objects.all().delete()
    assert add_agency in dict(_assert_as_django_builds(client, administrator))


def test_the_names_follow_the_language(client, triage_officer):
    cases = reverse("admin:feedback_case_changelist")
    login_staff(client, triage_officer)
    assert (cases, "เรื่องร้องเรียน") in _assert_as_django_builds(client, triage_officer)
    client.cookies["django_language"] = "en"
    english = _assert_as_django_builds(client, triage_officer, language="en")
    assert (cases, "Cases") in english
    client.cookies["django_language"] = "th"
    assert (cases, "เรื่องร้องเรียน") in _assert_as_django_builds(client, triage_officer)


def test_a_kept_list_costs_no_more_queries_than_building_it(client, integrity_officer, monkeypatch):
    login_staff(client, integrity_officer)
    page_queries(client, INDEX)
    _, kept = page_queries(client, INDEX)
    monkeypatch.setattr(
        admin.site, "get_app_list", admin.AdminSite.get_app_list.__get__(admin.site)
    )
    _, built = page_queries(client, INDEX)
    assert kept <= built


def test_holding_a_roles_permissions_is_not_being_in_the_role(client, integrity_officer):
    # The sealed channel goes by membership of the integrity group: an account
    # given the very same permissions on its own (portal.checks refuses such
    # grants) must not be shown the list kept for the group's members.
    twin = get_user_model().objects.create_user("twin", is_staff=True)
    twin.user_permissions.set(Group.objects.get(name=roles.INTEGRITY_OFFICER).permissions.all())
    corruption = reverse("admin:feedback_corruptionreport_changelist")
    login_staff(client, integrity_officer)
    assert corruption in dict(_assert_as_django_builds(client, integrity_officer))
    client.logout()
    login_staff(client, twin)
    assert corruption not in dict(_assert_as_django_builds(client, twin))


def test_each_page_marks_its_own_place_in_the_sidebar(client, triage_officer, agency):
    case = fb.case()
    cases = reverse("admin:feedback_case_changelist")
    pages = {
        cases: cases,
        reverse("admin:feedback_faq_changelist"): reverse("admin:feedback_faq_changelist"),
        reverse("admin:feedback_case_change", args=[case.pk]): cases,
        reverse("admin:measures_measure_changelist"): reverse("admin:measures_measure_changelist"),
    }
    login_staff(client, triage_officer)
    for _round in ("drawn", "kept"):
        for page, current in pages.items():
            sidebar = _assert_sidebar_as_django_draws(client, triage_officer, page)
            assert sidebar.count('aria-current="page"') == 1
            assert f'<a href="{current}" aria-current="page">' in sidebar
