"""Replies and internal notes, once two models, become CaseEntry rows with a
kind (migration feedback 0014): every old row and every historical version
survives with its author, time, order and text."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.lib import roles
from tests import factories
from tests.factories import feedback as fb

BEFORE = [("feedback", "0013_access_log")]
AFTER = [("feedback", "0014_case_entry")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _at(day, hour):
    return dt.datetime(2026, 11, day, hour, tzinfo=dt.UTC)


def _first_version(history_model, row, time_field, **extra):
    """The "created" version django-simple-history writes with a row."""
    written = getattr(row, time_field)
    history_model.objects.create(
        id=row.id,
        case_id=row.case_id,
        body=row.body,
        author_id=row.author_id,
        history_date=written,
        history_type="+",
        history_user_id=row.author_id,
        **{time_field: written},
        **extra,
    )


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


# serialized_rollback: the database is left as the other transactional tests expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_reply_and_note_survives_with_its_history(back_to_latest):
    case = fb.case()
    officer = factories.staff_user(role=roles.TRIAGE_OFFICER)
    other = factories.staff_user(role=roles.INTEGRITY_OFFICER)
    old = _migrate(BEFORE)
    Reply, Note = old.get_model("feedback", "Reply"), old.get_model("feedback", "Note")
    HistoricalReply = old.get_model("feedback", "HistoricalReply")
    HistoricalNote = old.get_model("feedback", "HistoricalNote")
    replies = [
        Reply.objects.create(
            case_id=case.pk, body=f"ตอบครั้งที่ {n}", author_id=officer.pk, sent_at=_at(10 + n, 3)
        )
        for n in (1, 2)
    ]
    notes = [
        Note.objects.create(
            case_id=case.pk, body="บันทึกภายใน ก", author_id=other.pk, written_at=_at(14, 2)
        ),
        Note.objects.create(
            case_id=case.pk, body="บันทึกภายใน ข", author_id=officer.pk, written_at=_at(13, 9)
        ),
    ]
    for reply in replies:
        _first_version(HistoricalReply, reply, "sent_at")
    for note in notes:
        _first_version(HistoricalNote, note, "written_at", history_change_reason="บันทึกจากโทรศัพท์")

    new = _migrate(AFTER)
    CaseEntry = new.get_model("feedback", "CaseEntry")
    HistoricalCaseEntry = new.get_model("feedback", "HistoricalCaseEntry")

    kept = list(
        CaseEntry.objects.order_by("written_at", "pk").values_list(
            "id", "kind", "body", "author_id", "written_at"
        )
    )
    reply_rows = [r for r in kept if r[1] == "reply"]
    note_rows = [r for r in kept if r[1] == "note"]
    # Replies keep their ids: a mail task queued before the change still finds its reply.
    assert reply_rows == [(r.id, "reply", r.body, officer.pk, r.sent_at) for r in replies]
    # Notes keep text, author and time, and their order (by time, here the reverse of ids).
    assert [row[2:] for row in note_rows] == [
        ("บันทึกภายใน ข", officer.pk, _at(13, 9)),
        ("บันทึกภายใน ก", other.pk, _at(14, 2)),
    ]
    assert len({row[0] for row in kept}) == 4
    versions = list(
        HistoricalCaseEntry.objects.order_by("history_date").values_list(
            "id", "kind", "body", "history_user_id", "history_type", "history_change_reason"
        )
    )
    entry_ids = {body: pk for pk, _, body, _, _ in kept}
    assert versions == [
        (entry_ids["ตอบครั้งที่ 1"], "reply", "ตอบครั้งที่ 1", officer.pk, "+", None),
        (entry_ids["ตอบครั้งที่ 2"], "reply", "ตอบครั้งที่ 2", officer.pk, "+", None),
        (entry_ids["บันทึกภายใน ข"], "note", "บันทึกภายใน ข", officer.pk, "+", "บันทึกจากโทรศัพท์"),
        (entry_ids["บันทึกภายใน ก"], "note", "บันทึกภายใน ก", other.pk, "+", "บันทึกจากโทรศัพท์"),
    ]
    # The next entry written takes an id of its own.
    added = CaseEntry.objects.create(case_id=case.pk, kind="note", body="ใหม่", author_id=other.pk)
    assert added.id not in entry_ids.values()
