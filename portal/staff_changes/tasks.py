from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from feedback.tasks import mail_task


@mail_task
def role_change_notify(*, change_id, event):
    """Tell the directors, the integrity officers and the account concerned
    that a change to a guarded role was proposed or decided."""
    from portal.staff_changes.models import RoleChange
    from portal.staff_changes.services import people_to_tell

    change = RoleChange.objects.select_related("user", "group", "proposed_by").get(pk=change_id)
    to = people_to_tell(change)
    if not to:
        return 0
    context = {
        "change": change,
        "event": event,
        "url": settings.SITE_URL + reverse("admin:portal_rolechange_changelist"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string("portal/email_role_change_subject.txt", context).split()
        )
        body = render_to_string("portal/email_role_change_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return len(to)
