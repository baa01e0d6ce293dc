"""Deleting an account: asked for on Your data (confirmed by password or an emailed code),
carried out after the cooling-off unless cancelled, or at once by the national team on a
written request; afterwards nothing about the person remains, in any table or in storage,
except anonymous counts."""

import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from hubwork.accounts.models import ERASED_NAME, EmailCode, ErasureRequest, User
from hubwork.accounts.services.erasure import erasures_carry_out_due
from hubwork.accounts.services.users import user_create
from hubwork.accounts.tests.factories import PASSWORD, UserFactory
from hubwork.core.models import AuditEvent
from hubwork.practice.models import ClassroomTrial, DiscussionPost, Evidence
from hubwork.practice.tests.factories import DiscussionPostFactory, ReflectionFactory
from hubwork.practice.tests.test_uploads import png_with_text, upload
from hubwork.workgroups.models import Attendance, Enrolment, SchoolEngagement
from hubwork.workgroups.tests.factories import EnrolmentFactory, SessionFactory, WorkGroupFactory


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def work_group(hub, llme):
    return WorkGroupFactory.create(hub=hub, title="Mastering Number", leads=[llme])


def stored_files(media: Path) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def rows_mentioning(*needles: str) -> list[str]:
    """Every table and column, in the whole database, whose text holds one of `needles`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
                        f"WHERE LOWER(CAST({name} AS TEXT)) LIKE %s",
                        [f"%{needle.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append(f"{table}.{column.name} holds {needle!r}")
    return found


def log_a_trial_with_evidence(client, work_group) -> None:
    response = client.post(
        "/my/trials/new/",
        {
            "work_group": work_group.pk,
            "gap_task": "own",
            "own_idea": "Bar models for fractions",
            "class_or_year_group": "Year 5",
            "tried_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "what_tried": "Bar models drawn by every pupil before any calculation.",
            "evidence": [upload("whiteboard.png", png_with_text())],
            "action": "share",
        },
    )
    assert response.status_code == 302, response.content.decode()


def test_a_participant_downloads_everything_then_is_erased_leaving_only_anonymous_counts(
    client, media, work_group, hillside, llme, django_capture_on_commit_callbacks
):
    """A participant with trials and evidence downloads their data and finds every item and
    file; after erasure and the cooling-off period nothing about them remains in the
    database or the storage folder except anonymous aggregates, and the school's engagement
    is unchanged."""
    person = UserFactory.create(email="rosa.quinlan@example.org", display_name="Rosa Quinlan")
    enrolment = EnrolmentFactory.create(
        work_group=work_group,
        user=person,
        school=hillside,
        status=Enrolment.Status.COMPLETED,
        trn="1234567",
    )
    SchoolEngagement.objects.create(
        school=hillside, academic_year=work_group.academic_year, first_completion=enrolment
    )
    session = SessionFactory.create(work_group=work_group, number=1)
    Attendance.objects.create(
        enrolment=enrolment, session=session, status="present", note="Rosa Quinlan came late"
    )
    ReflectionFactory.create(author=person, work_group=work_group, idea="Bar models everywhere")
    DiscussionPostFactory.create(
        author=person, work_group=work_group, body="Has anyone tried bar models in Year 2?"
    )
    client.force_login(person)
    log_a_trial_with_evidence(client, work_group)
    evidence = Evidence.objects.get(trial__author=person)
    files_before = stored_files(media)
    assert evidence.file.name in files_before

    # The copy of their data: every item and file.
    page = client.get("/accounts/your-data/")
    assert page.status_code == 200
    assert "Prepare a copy of your data" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/your-data/export/")
    assert response.status_code == 302
    page = client.get("/accounts/your-data/").content.decode()
    link = re.search(r'href="(/accounts/your-data/export/\d+/)"', page)
    assert link, page
    download = client.get(link[1])
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "practice/trials.json", "practice/trials.csv"} <= names
    assert "rosa.quinlan@example.org" in archive.read("account/profile.json").decode()
    assert "Bar models drawn by every pupil" in archive.read("practice/trials.json").decode()
    assert "Bar models drawn by every pupil" in archive.read("practice/trials.csv").decode()
    assert "Bar models everywhere" in archive.read("practice/reflections.json").decode()
    assert "bar models in Year 2" in archive.read("practice/discussion_posts.json").decode()
    assert "1234567" in archive.read("workgroups/enrolments.json").decode()
    assert "present" in archive.read("workgroups/attendance.json").decode()
    assert "data_export.requested" in archive.read("audit/audit_events.json").decode()
    evidence_in_archive = [name for name in names if name.startswith("practice/files/evidence/")]
    assert len(evidence_in_archive) == 1
    with default_storage.open(evidence.file.name, "rb") as stored:
        assert archive.read(evidence_in_archive[0]) == stored.read()
    assert AuditEvent.objects.filter(verb="data_export.downloaded").count() == 1

    # Asking for erasure: confirmed with their password, 14 days' cooling-off.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/your-data/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    erasure = ErasureRequest.objects.get(user=person)
    assert erasure.due_at - erasure.requested_at == timedelta(days=14)
    assert [message.to for message in mail.outbox] == [["rosa.quinlan@example.org"]]
    assert "will be deleted" in mail.outbox[0].subject
    # Still there during the cooling-off, and they can still use Hubwork.
    assert erasures_carry_out_due(now=timezone.now() + timedelta(days=13)) == []
    assert client.get("/accounts/your-data/").status_code == 200

    engaged_before = SchoolEngagement.objects.filter(school=hillside).count()
    completed_before = Enrolment.objects.filter(
        school=hillside, status=Enrolment.Status.COMPLETED
    ).count()
    attendance_before = Attendance.objects.filter(session=session, status="present").count()

    with django_capture_on_commit_callbacks(execute=True):
        done = erasures_carry_out_due(now=timezone.now() + timedelta(days=15))
    assert done == [erasure.reference]

    # Nothing about them in any table...
    assert rows_mentioning("rosa.quinlan@example.org", "Rosa Quinlan") == []
    # ... nor in storage: their evidence (and its preview) and their export are gone.
    assert not stored_files(media)
    # What stays is anonymous: the school's engagement, completions and attendance.
    assert SchoolEngagement.objects.filter(school=hillside).count() == engaged_before
    assert (
        Enrolment.objects.filter(school=hillside, status=Enrolment.Status.COMPLETED).count()
        == completed_before
    )
    assert Attendance.objects.filter(session=session, status="present").count() == (
        attendance_before
    )
    assert not ClassroomTrial.objects.exists()
    post = DiscussionPost.objects.get()
    assert post.author is None
    assert post.body == "Has anyone tried bar models in Year 2?"
    # The audit log keeps that an erasure happened, not who.
    carried_out = AuditEvent.objects.get(verb="account.erasure_carried_out")
    assert carried_out.actor is None
    assert carried_out.object_repr == f"Erasure {erasure.reference}"
    assert not AuditEvent.objects.filter(actor_id=person.pk).exists()
    # The group's discussion reads "Someone who has left".
    client.force_login(llme)
    page = client.get(f"/work-groups/{work_group.slug}/space/discussion/").content.decode()
    assert ERASED_NAME in page
    assert "bar models in Year 2" in page
    # They can no longer sign in, and their address can sign up again as a new person.
    person.refresh_from_db()
    assert not person.is_active
    assert not person.has_usable_password()
    newcomer = user_create(email="rosa.quinlan@example.org", password=None, display_name="Rosa")
    assert newcomer.pk != person.pk
    # Carrying out again does nothing more.
    assert erasures_carry_out_due(now=timezone.now() + timedelta(days=16)) == []


def test_a_wrong_password_schedules_nothing(client, participant):
    client.force_login(participant)
    response = client.post("/accounts/your-data/delete/", {"password": "not-it"})
    assert response.status_code == 400
    assert "The password is not right" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_cancelling_during_the_cooling_off_keeps_the_account(client, participant):
    client.force_login(participant)
    client.post("/accounts/your-data/delete/", {"password": PASSWORD})
    erasure = ErasureRequest.objects.get()
    page = client.get("/accounts/your-data/").content.decode()
    assert "Cancel deleting your account" in page
    response = client.post(f"/accounts/your-data/delete/{erasure.pk}/cancel/")
    assert response.status_code == 302
    erasure.refresh_from_db()
    assert erasure.cancelled_at is not None
    assert erasures_carry_out_due(now=timezone.now() + timedelta(days=30)) == []
    participant.refresh_from_db()
    assert participant.is_active
    assert participant.display_name == "Priya Clarke"
    assert AuditEvent.objects.filter(verb="account.erasure_cancelled").count() == 1


def test_someone_else_cannot_cancel_a_deletion(client, participant, outsider):
    client.force_login(participant)
    client.post("/accounts/your-data/delete/", {"password": PASSWORD})
    erasure = ErasureRequest.objects.get()
    client.force_login(outsider)
    assert client.post(f"/accounts/your-data/delete/{erasure.pk}/cancel/").status_code == 404
    erasure.refresh_from_db()
    assert erasure.is_pending


def test_people_who_sign_in_by_code_confirm_with_an_emailed_code(
    client, db, django_capture_on_commit_callbacks
):
    person = UserFactory.create(password=None, display_name="Cody Nopass")
    client.force_login(person)
    page = client.get("/accounts/your-data/").content.decode()
    assert "Email me a code" in page
    assert "Your password" not in page
    # Without the code nothing happens.
    response = client.post("/accounts/your-data/delete/", {"code": "WRONG1"})
    assert response.status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/your-data/delete/code/")
    code = EmailCode.objects.get(email=person.email, purpose=EmailCode.Purpose.DELETE_ACCOUNT)
    assert code.code in mail.outbox[0].body
    response = client.post("/accounts/your-data/delete/", {"code": code.code.lower()})
    assert response.status_code == 302
    assert ErasureRequest.objects.get().user == person
    # The code is spent.
    assert not EmailCode.objects.filter(purpose=EmailCode.Purpose.DELETE_ACCOUNT).exists()


def test_a_national_admin_erases_an_account_at_once_on_a_written_request(
    client, national_admin, participant, media, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    page = client.get("/accounts/erasures/", {"email": participant.email.upper()})
    assert page.status_code == 200
    assert participant.display_name in page.content.decode()
    # The typed confirmation must match.
    response = client.post(
        f"/accounts/erasures/?email={participant.email}",
        {"note": "Asked by email on 1 March", "confirm_email": "someone@else.org"},
    )
    assert response.status_code == 400
    assert User.objects.get(pk=participant.pk).is_active
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/erasures/?email={participant.email}",
            {"note": "Asked by email on 1 March", "confirm_email": participant.email},
        )
    assert response.status_code == 302
    erasure = ErasureRequest.objects.get()
    assert erasure.reason == ErasureRequest.Reason.EMAIL
    assert erasure.carried_out_at is not None
    assert erasure.user is None
    assert rows_mentioning(participant.email, "Priya Clarke") == []
    event = AuditEvent.objects.get(verb="account.erasure_carried_out")
    assert event.actor == national_admin


@pytest.mark.parametrize("persona", ["participant", "hub_lead"])
def test_only_national_admins_reach_the_erasure_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/accounts/erasures/").status_code == 403
