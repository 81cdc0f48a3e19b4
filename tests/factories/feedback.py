"""Cases (through the service, or straight to the table on a given day) and form data."""

import datetime as dt
import uuid

from feedback.models import Case, ListeningChannel
from feedback.services import case_register
from measures.models import Policy
from portal.lib import thai
from tests import factories


def case(*, reporter=None, uploads=(), recorded_by=None, **overrides):
    n = next(factories.sequence)
    fields = {
        "stream": Case.Stream.GENERAL,
        "channel": Case.Channel.WEBSITE,
        "subject": f"ขอให้ซ่อมหลังคาห้องเรียน {n}",
        "details": f"หลังคาห้องเรียนชั้น ป.๓ รั่วเมื่อฝนตก เรื่องที่ {n} ขอให้ตรวจสอบด้วยครับ",
        "certified_true": True,
    } | overrides
    if reporter is None:
        reporter = {"name": "นางสาวมาลี ใจงาม", "email": "malee@example.org", "phone": "081"}
    return case_register(
        case_fields=fields, reporter_fields=reporter, uploads=uploads, recorded_by=recorded_by
    )


def corruption_case(**overrides):
    fields = {
        "stream": Case.Stream.CORRUPTION,
        "subject": "เรียกรับเงินในการจัดซื้อ",
        "details": "เจ้าหน้าที่พัสดุเรียกรับเงินจากผู้ขายเมื่อวันที่ ๑๒ มีนาคม",
        "reporter": {"name": "นายสมชาย ผู้แจ้ง", "email": "somchai@example.org"},
    } | overrides
    return case(**fields)


def case_received(**overrides):
    """A case written straight to the table, received at `received_at` (3 November
    2025 by default) with the deadlines the rules give: for a year's figures."""
    received_at = overrides.pop("received_at", factories.moment(dt.date(2025, 11, 3)))
    received_on = thai.local_date(received_at)
    fields = {
        "fiscal_year": thai.FiscalYear.of(received_on).be_year,
        "number": next(factories.sequence),
        "pin": "ABCD2345",
        "stream": Case.Stream.GENERAL,
        "channel": Case.Channel.WEBSITE,
        "subject": "ขอทราบผลการย้ายครู",
        "details": "รายละเอียดเรื่องร้องเรียน",
        "received_at": received_at,
        "report_back_due_on": received_on + dt.timedelta(days=15),
        "resolve_due_on": received_on + dt.timedelta(days=60),
    }
    return Case.objects.create(**(fields | overrides))


def form_data(**overrides):
    """A complete public complaint form, privacy notice acknowledged."""
    privacy = Policy.objects.privacy_notice()
    return {
        "stream": Case.Stream.GENERAL,
        "subject": "ห้องน้ำโรงเรียนชำรุด",
        "details": "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว ยังไม่มีผู้มาซ่อม",
        "remedy_sought": "ขอให้ซ่อมภายในภาคเรียนนี้",
        "incident_on": "01/11/2569",
        "name": "นางสาวมาลี ใจงาม",
        "email": "malee@example.org",
        "phone": "0812345678",
        "certified_true": "on",
        "privacy_acknowledged": "on",
        "privacy_notice_version": privacy.version if privacy else "",
        "submission_token": str(uuid.uuid4()),
        "website": "",
    } | overrides


def admin_change_data(response):
    """The POST data an unchanged admin change form would send (form and inlines)."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for inline_form in formset.initial_forms:
            data[inline_form.add_prefix("id")] = inline_form.instance.pk
            data[inline_form.add_prefix("case")] = inline_form.instance.case_id
    return data


def case_complete(case, *, officer, group, outcome="ซ่อมหลังคาเรียบร้อยแล้ว"):
    """Take `case` through the workflow to "completed" (services, as the admin does)."""
    from feedback.services import case_transition

    case_transition(case=case, to=Case.Status.ACCEPTED, by=officer)
    case_transition(
        case=case, to=Case.Status.ASSIGNED, by=officer, assigned_group=group, assigned_to=officer
    )
    case_transition(case=case, to=Case.Status.IN_PROGRESS, by=officer)
    return case_transition(case=case, to=Case.Status.COMPLETED, by=officer, outcome=outcome)


def listening_channel(**overrides):
    fields = {
        "name": "กล่องรับฟังความคิดเห็นหน้าสำนักงาน",
        "kind": Case.Channel.BOX,
        "how_to_reach": "ชั้น ๑ อาคารสำนักงาน",
        "opened_on": dt.date(2024, 1, 1),
    } | overrides
    return ListeningChannel.objects.create(**fields)
