"""No self-service to sealed rights or to the director's approval.

They come through the role's group only: the user form does not offer them on
an account itself and refuses them when posted, and a system check fails if an
account holds one anyway.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from portal.lib import roles
from tests.admin_form import admin_form_data
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def _permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.mark.parametrize("duty", roles.OTHER_PEOPLES_DUTIES)
def test_the_administrator_cannot_grant_itself_a_role_duty(client, administrator, duty):
    login_staff(client, administrator)
    url = reverse("admin:auth_user_change", args=[administrator.pk])
    permission = _permission(duty)
    page = client.get(url).content.decode()
    assert f'<option value="{permission.pk}"' not in page
    data = admin_form_data(client, url, user_permissions=[str(permission.pk)])
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the choice refused
    assert "errornote" in response.content.decode()
    assert not administrator.user_permissions.filter(pk=permission.pk).exists()


def test_a_system_check_fails_while_an_account_holds_a_duty_itself(administrator):
    call_command("check", databases=["default"])
    administrator.user_permissions.add(_permission("feedback.view_reporter_identity"))
    with pytest.raises(SystemCheckError, match=r"portal\.E001"):
        call_command("check", databases=["default"])
