"""The monitoring committee's findings as `measures.follow_up` reads them
(registered when the app is ready)."""

from measures.follow_up import FollowUp, follow_up_source_register
from surveys.models import Finding


def public_findings(improvement_ids, until):
    findings = Finding.objects.public().filter(improvement__in=improvement_ids)
    if until is not None:
        findings = findings.filter(found_on__lt=until)
    labels = dict(Finding.Status.choices)
    for finding in findings.select_related("committee").order_by("found_on", "pk"):
        yield FollowUp(
            improvement_id=finding.improvement_id,
            committee=finding.committee.name,
            committee_path=finding.committee.get_absolute_url(),
            found_on=finding.found_on,
            reported_by=finding.reported_by,
            text=finding.text,
            status=finding.status,
            status_label=str(labels[finding.status]),
            is_done=finding.is_done,
            is_late=finding.is_late,
        )


def register():
    follow_up_source_register(public_findings)
