"""One rule for the client's address: X-Forwarded-For only from our own proxies."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from portal.lib.clients import client_address
from tests.factories import feedback as fb
from tests.factories import surveys as sv


def _request(forwarded=None, remote="127.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_a_spoofed_header_is_ignored(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    assert client_address(_request("203.0.113.7", remote="198.51.100.20")) == "198.51.100.20"


def test_the_default_trusts_no_proxy():
    assert client_address(_request("203.0.113.7", remote="198.51.100.20")) == "198.51.100.20"


def test_behind_nginx_the_address_nginx_appended_is_used(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    # The client wrote "10.9.9.9" itself; nginx appended the address it saw.
    assert client_address(_request("10.9.9.9, 203.0.113.7")) == "203.0.113.7"
    assert client_address(_request("203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_address_from_the_right_is_used(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 2
    assert client_address(_request("1.2.3.4, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


@pytest.mark.parametrize(
    "forwarded",
    ["", "   ", "not-an-address", "203.0.113.7, <script>", "999.1.1.1", ",", "x" * 5000],
)
def test_a_missing_or_garbage_header_falls_back_to_the_socket_address(settings, forwarded):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded, remote="198.51.100.20")) == "198.51.100.20"


def test_a_header_shorter_than_the_proxy_chain_is_not_believed(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 2
    assert client_address(_request("203.0.113.7", remote="10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7:51234", "203.0.113.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_ports_brackets_and_mapped_addresses_are_normalised(settings, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded)) == expected


def test_an_unusable_socket_address_gives_an_empty_string():
    assert client_address(_request(remote="")) == ""


@pytest.mark.django_db
def test_behind_nginx_each_citizen_has_an_own_tracking_lookup_limit(client, agency, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    case = fb.case()
    url = reverse("feedback:track")
    for n in range(10):
        client.post(
            url, {"code": f"{case.tracking_number}-GUESS{n}"}, HTTP_X_FORWARDED_FOR="1.1.1.1"
        )
    guesser = client.post(url, {"code": case.tracking_code}, HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert guesser.status_code == 429
    assert "ลองหลายครั้งเกินไป" in guesser.content.decode()
    # Another citizen behind the same nginx (same REMOTE_ADDR) is not punished.
    neighbour = client.post(
        url, {"code": case.tracking_code}, HTTP_X_FORWARDED_FOR="203.0.113.7", follow=True
    )
    assert neighbour.status_code == 200
    assert case.subject in neighbour.content.decode()


@pytest.mark.django_db
def test_a_spoofed_header_does_not_escape_the_tracking_limit_without_a_proxy(
    client, agency, settings
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    case = fb.case()
    url = reverse("feedback:track")
    for n in range(11):
        response = client.post(
            url, {"code": f"{case.tracking_number}-GUESS{n}"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_nginx_survey_answers_are_limited_per_citizen(client, settings):
    from django.core.cache import cache

    from surveys.models import Response

    cache.clear()
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    settings.SURVEY_RATE_LIMIT = (1, 3600)
    survey = sv.survey()
    url = reverse("surveys:survey_answer", kwargs={"slug": survey.slug})

    def answer(address):
        client.cookies.clear()
        page = client.get(url)
        # Read the token from the page as the browser does: the questions are a
        # shared fragment rendered with a form of its own, token-less.
        token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
        data = {"token": token} | {f"item_{i.pk}": "4" for i in sv.items_of(survey)}
        return client.post(url, data, HTTP_X_FORWARDED_FOR=address)

    assert answer("203.0.113.7").status_code == 302
    refused = answer("203.0.113.7")
    assert refused.status_code == 400
    assert "มีการส่งคำตอบจากเครือข่ายของท่านมากเกินไป" in refused.content.decode()
    assert answer("198.51.100.4").status_code == 302
    assert Response.objects.count() == 2
    cache.clear()
