"""The world the authorisation tests request pages in: two hubs, A and B, each with a Work
Group full of people and their work, and the nine personas who ask for every page.

Each side (`Side`) has the same objects, so every table entry can be requested with hub A's
objects and again with hub B's. Every piece of text that is not public carries a marker,
`SECRET-<side>-<level>-<n>Z`, recorded with who may see it (`Marker`); a page that shows a
marker to anyone outside that audience is a leak. Public things (hub and Work Group names,
leads' names, schools from the register) carry no marker.
"""

import io
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from PIL import Image

from hubwork.accounts.models import DataExport, ErasureRequest, User
from hubwork.accounts.services.erasure import erasure_request
from hubwork.accounts.services.exports import data_export_build, data_export_start
from hubwork.accounts.tests.factories import UserFactory, enable_totp
from hubwork.core.academic_years import AcademicYear
from hubwork.evaluation import models as evaluation
from hubwork.evaluation.models import Invitation, Item, Questionnaire, Response, Wave
from hubwork.hubs.models import Accreditation, Hub, HubArea, HubRole
from hubwork.hubs.tests.factories import HubFactory, HubRoleFactory
from hubwork.leaders.application_links import school_leader_token
from hubwork.leaders.models import (
    DevelopmentEntry,
    HubApplication,
    LeadNote,
    LlmeProfile,
    Pairing,
    QualityVisit,
)
from hubwork.leaders.services.applications import (
    ApplicationData,
    application_submit,
    hub_application_note_add,
)
from hubwork.practice.models import (
    ClassroomTrial,
    DiscussionPost,
    Evidence,
    GapTask,
    Output,
    Reflection,
)
from hubwork.practice.services import evidence as evidence_services
from hubwork.practice.services import outputs as outputs_services
from hubwork.practice.services.group import contact_sharing_set
from hubwork.practice.tests.factories import (
    ActivityFactory,
    ClassroomTrialFactory,
    DiscussionPostFactory,
    GapTaskFactory,
    OutputFactory,
    ReflectionFactory,
    SessionPlanFactory,
)
from hubwork.programmes.models import Programme
from hubwork.reports.models import ReportExport
from hubwork.reports.services.exports import report_export_build, report_export_request
from hubwork.research.models import (
    DataTable,
    EnquiryCycle,
    Reading,
    ResearchProject,
    SessionReading,
)
from hubwork.research.services.writeups import WriteUpData, writeup_save
from hubwork.research.tests.factories import (
    ReadingFactory,
    ResearchProjectFactory,
    SessionReadingFactory,
)
from hubwork.schools.models import School
from hubwork.schools.tests.factories import LocalAuthorityFactory, SchoolFactory
from hubwork.workgroups.models import (
    Attendance,
    CalendarFeed,
    ColleagueInvitation,
    ContinuationInvitation,
    Enrolment,
    Session,
    WorkGroup,
)
from hubwork.workgroups.services.attendance import apologies_send, register_record
from hubwork.workgroups.tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    WorkGroupFactory,
    days,
)

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"  # a member of hub A's Work Group
PARTICIPANT_OUT = "participant_out"  # out of hub A's Work Group: a member of hub B's
LLME = "llme"  # leads hub A's Work Group
LLME_OTHER = "llme_other"  # leads hub B's
ASSISTANT_HUB_LEAD = "assistant_hub_lead"  # hub A's
HUB_LEAD = "hub_lead"  # hub A's
HUB_LEAD_OTHER = "hub_lead_other"  # hub B's
NATIONAL_ADMIN = "national_admin"

PERSONAS = (
    ANONYMOUS,
    PARTICIPANT,
    PARTICIPANT_OUT,
    LLME,
    LLME_OTHER,
    ASSISTANT_HUB_LEAD,
    HUB_LEAD,
    HUB_LEAD_OTHER,
    NATIONAL_ADMIN,
)


@dataclass(frozen=True)
class Roles:
    """Who each persona is to one side's hub and Work Group."""

    member: frozenset[str]
    lead: frozenset[str]
    staff: frozenset[str]
    hub_lead: frozenset[str]
    owner: str  # the persona whose own objects (trials, reflections …) the side's URLs name


ROLES = {
    "A": Roles(
        member=frozenset({PARTICIPANT}),
        lead=frozenset({LLME}),
        staff=frozenset({ASSISTANT_HUB_LEAD, HUB_LEAD}),
        hub_lead=frozenset({HUB_LEAD}),
        owner=PARTICIPANT,
    ),
    "B": Roles(
        member=frozenset({PARTICIPANT_OUT}),
        lead=frozenset({LLME_OTHER}),
        staff=frozenset({HUB_LEAD_OTHER}),
        hub_lead=frozenset({HUB_LEAD_OTHER}),
        owner=PARTICIPANT_OUT,
    ),
}


@dataclass(frozen=True)
class Marker:
    """A piece of text seen only by `level`'s audience on `side` (see `access.may`), and by
    `owner`, the persona it is about (None: someone who is no persona)."""

    text: str
    side: str
    level: str
    owner: str | None


@dataclass
class Side:
    """One hub and everything in it that URLs name."""

    key: str
    hub: Hub
    hub_role: HubRole  # the LLME's role in the hub's team
    work_group: WorkGroup
    draft_work_group: WorkGroup
    past_session: Session
    future_session: Session
    gap_task: GapTask
    enrolment: Enrolment  # the owner's
    colleague_enrolment: Enrolment
    waiting_enrolment: Enrolment
    shared_trial: ClassroomTrial  # the owner's, shared with the group
    draft_trial: ClassroomTrial  # the owner's private draft
    shared_evidence: Evidence
    draft_evidence: Evidence
    reflection: Reflection
    private_output: Output  # the owner's, with a file
    group_output: Output  # a colleague's, with a file
    hub_output: Output  # a colleague's, for those taking part in the hub's Work Groups
    national_output: Output  # a colleague's, for everyone signed in
    post: DiscussionPost  # a colleague's
    invitation: ColleagueInvitation  # to the owner's own address
    # To the owner, to continue in next year's copy of the Work Group (a draft).
    continuation: ContinuationInvitation
    calendar_token: str  # the owner's
    data_export: DataExport  # the owner's, ready to download
    erasure: ErasureRequest  # the owner's, in its cooling-off
    questionnaire: Questionnaire  # the national default session feedback (both sides share it)
    item: Item  # its free-text item
    leader_token: str  # the school leader's link, from their email
    reading: Reading  # on the hub's list in the research library, added by its LLME
    session_reading: SessionReading  # the hub's reading, set for the future session
    project: ResearchProject  # the Work Group's research project, in planning (unpublished)
    cycle: EnquiryCycle  # the owner's, in the project
    data_table: DataTable  # aggregate data in the project, added by the LLME
    published_project: ResearchProject  # last year's RIWG's, published: public, no markers
    # LLME development (leaders): the side's owner's own log entry; a pairing of the hub's
    # LLME with an experienced co-lead; a quality visit to the LLME's past session.
    development_entry: DevelopmentEntry
    pairing: Pairing
    quality_visit: QualityVisit
    # The PD Lead pathway and LLME records (leaders): an accreditation of the side's LLME.
    accreditation: Accreditation
    # LLME applications (leaders): the owner's application to the hub, and the school
    # leader's link of another teacher's (the leader's page names the applicant).
    hub_application: HubApplication
    application_leader_token: str
    # The national admin's large export, ready to download (both sides share it).
    report_export: ReportExport | None = None

    @property
    def roles(self) -> Roles:
        return ROLES[self.key]


@dataclass
class World:
    users: dict[str, User]
    sides: dict[str, Side]
    markers: list[Marker]
    session_keys: dict[str, str] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    @property
    def a(self) -> Side:
        return self.sides["A"]

    @property
    def b(self) -> Side:
        return self.sides["B"]


class _Markers:
    def __init__(self) -> None:
        self.all: list[Marker] = []

    def __call__(self, side: str, level: str, owner: str | None = None) -> str:
        text = f"SECRET-{side}-{level.upper()}-{len(self.all) + 1:03d}Z"
        self.all.append(Marker(text=text, side=side, level=level, owner=owner))
        return text

    def email(self, side: str, level: str, owner: str | None = None) -> str:
        return f"{self(side, level, owner).lower()}@example.org"


def _jpeg(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _staff(display_name: str, hub: Hub, role: str, phase: str = "") -> User:
    user = UserFactory.create(display_name=display_name)
    HubRoleFactory.create(user=user, hub=hub, role=role, phase=phase)
    enable_totp(user)
    return user


def build_world() -> World:
    """Make both hubs and everyone; the caller holds the transaction that is rolled back."""
    mark = _Markers()
    users: dict[str, User] = {}
    hubs = {
        key: HubFactory.create(name=f"Hub {key} Maths Hub", slug=f"hub-{key.lower()}")
        for key in ROLES
    }
    owners = {"A": PARTICIPANT, "B": PARTICIPANT_OUT}
    for key, owner in owners.items():
        users[owner] = UserFactory.create(
            display_name=f"Teacher {mark(key, 'member', owner)}",
            email=mark.email(key, "lead", owner),
        )
    users[LLME] = _staff("Lena Lead", hubs["A"], HubRole.Kind.LLME)
    users[LLME_OTHER] = _staff("Otto Otherlead", hubs["B"], HubRole.Kind.LLME)
    users[ASSISTANT_HUB_LEAD] = _staff(
        "Asha Assistant", hubs["A"], HubRole.Kind.ASSISTANT_HUB_LEAD, phase="primary"
    )
    users[HUB_LEAD] = _staff("Hana Hublead", hubs["A"], HubRole.Kind.HUB_LEAD)
    users[HUB_LEAD_OTHER] = _staff("Hugo Otherhub", hubs["B"], HubRole.Kind.HUB_LEAD)
    users[NATIONAL_ADMIN] = UserFactory.create(
        display_name="Nadia National", is_national_admin=True, is_staff=True, is_superuser=True
    )
    enable_totp(users[NATIONAL_ADMIN])
    leads = {"A": users[LLME], "B": users[LLME_OTHER]}
    questionnaire = Questionnaire.objects.create(
        kind=Questionnaire.Kind.SESSION_FEEDBACK, title="How was the session?"
    )
    Item.objects.create(
        questionnaire=questionnaire,
        position=1,
        kind=Item.Kind.SCALE,
        text="The session was useful",
        area="professional_learning",
        scale_labels=["Disagree", "Neither", "Agree"],
    )
    Item.objects.create(
        questionnaire=questionnaire,
        position=2,
        kind=Item.Kind.FREE_TEXT,
        text="What will you try?",
        required=False,
    )
    # The national default pre/post and school leader questionnaires: those forms are asked.
    for kind, text in (
        (Questionnaire.Kind.PRE_POST, "I know how to use manipulatives well"),
        (Questionnaire.Kind.SCHOOL_LEADER, "The school gave time to try ideas"),
    ):
        Item.objects.create(
            questionnaire=Questionnaire.objects.create(kind=kind, title=str(kind.label)),
            position=1,
            kind=Item.Kind.SCALE,
            text=text,
            area="professional_learning",
            scale_labels=["Disagree", "Neither", "Agree"],
        )
    sides = {
        key: _build_side(key, hubs[key], users[owners[key]], leads[key], mark, questionnaire)
        for key in ROLES
    }
    report_export = report_export_request(
        by=users[NATIONAL_ADMIN], kind=ReportExport.Kind.ENGAGEMENTS, file_format="csv"
    )
    report_export_build(export_id=report_export.pk)
    report_export.refresh_from_db()
    for side in sides.values():
        side.report_export = report_export
    return World(users=users, sides=sides, markers=mark.all)


def _build_side(
    key: str, hub: Hub, owner: User, lead: User, mark: _Markers, questionnaire: Questionnaire
) -> Side:
    owner_key = ROLES[key].owner
    local_authority = LocalAuthorityFactory.create(name=f"Borough {key}")
    HubArea.objects.create(hub=hub, local_authority=local_authority)
    school = SchoolFactory.create(name=f"Register School {key}", local_authority=local_authority)
    programme = ProgrammeFactory.create(name=f"Programme {key}")
    work_group = WorkGroupFactory.create(
        hub=hub, programme=programme, title=f"Work Group {key}", leads=[lead]
    )
    draft_work_group = WorkGroupFactory.create(
        hub=hub,
        programme=programme,
        title=f"Draft {mark(key, 'lead')}",
        description=mark(key, "lead"),
        status=WorkGroup.Status.DRAFT,
        leads=[lead],
    )
    past_session = SessionFactory.create(work_group=work_group, date=days(-14))
    future_session = SessionFactory.create(work_group=work_group, date=days(14))

    colleague = UserFactory.create(
        display_name=f"Colleague {mark(key, 'member')}",
        email=mark.email(key, "member"),
        password=None,
    )
    waiting = UserFactory.create(
        display_name=f"Waiting {mark(key, 'lead')}", email=mark.email(key, "lead"), password=None
    )
    enrolment = EnrolmentFactory.create(work_group=work_group, user=owner, school=school)
    colleague_enrolment = EnrolmentFactory.create(
        work_group=work_group, user=colleague, school=school
    )
    waiting_enrolment = EnrolmentFactory.create(
        work_group=work_group, user=waiting, school=school, status=Enrolment.Status.WAITLISTED
    )
    contact_sharing_set(work_group=work_group, user=colleague, share=True)

    register_record(
        session=past_session,
        marks={
            enrolment.pk: Attendance.Status.PRESENT,
            colleague_enrolment.pk: Attendance.Status.ABSENT,
        },
        by=lead,
    )
    apologies_send(
        enrolment=enrolment,
        session=future_session,
        note=mark(key, "lead", owner_key),
        by=owner,
    )
    plan = SessionPlanFactory.create(session=future_session)
    ActivityFactory.create(plan=plan, title=mark(key, "lead"), notes=mark(key, "lead"))
    gap_task = GapTaskFactory.create(
        session=past_session,
        title=f"Try {mark(key, 'member')}",
        description=mark(key, "member"),
        due_on=days(7),
    )

    now = timezone.now()
    shared_trial = ClassroomTrialFactory.create(
        work_group=work_group,
        author=owner,
        gap_task=gap_task,
        what_tried=mark(key, "member", owner_key),
        shared_at=now,
    )
    draft_trial = ClassroomTrialFactory.create(
        work_group=work_group,
        author=owner,
        own_idea=mark(key, "owner", owner_key),
        what_tried=mark(key, "owner", owner_key),
    )
    ClassroomTrialFactory.create(
        work_group=work_group, author=colleague, what_tried=mark(key, "owner"), own_idea="Mine"
    )
    ClassroomTrialFactory.create(
        work_group=work_group,
        author=colleague,
        gap_task=gap_task,
        what_tried=mark(key, "member"),
        shared_at=now,
    )
    shared_evidence = evidence_services.evidence_add(
        trial=shared_trial, upload=_jpeg(f"{mark(key, 'member', owner_key)}.jpg"), by=owner
    )
    draft_evidence = evidence_services.evidence_add(
        trial=draft_trial, upload=_jpeg(f"{mark(key, 'owner', owner_key)}.jpg"), by=owner
    )

    reflection = ReflectionFactory.create(
        author=owner, work_group=work_group, idea=mark(key, "owner", owner_key), body="Body"
    )
    ReflectionFactory.create(author=colleague, idea=mark(key, "owner"), body=mark(key, "owner"))
    private_output = outputs_services.output_create(
        author=owner,
        work_group=work_group,
        kind=Output.Kind.RESOURCE,
        title=mark(key, "owner", owner_key),
        upload=_jpeg(f"{mark(key, 'owner', owner_key)}.jpg"),
        visibility=Output.Visibility.PRIVATE,
    )
    group_output = outputs_services.output_create(
        author=colleague,
        work_group=work_group,
        kind=Output.Kind.RESOURCE,
        title=mark(key, "member"),
        upload=_jpeg(f"{mark(key, 'member')}.jpg"),
        visibility=Output.Visibility.GROUP,
    )
    hub_output = OutputFactory.create(
        author=colleague,
        work_group=work_group,
        title=mark(key, "member"),
        visibility=Output.Visibility.HUB,
    )
    # Sharing with everyone shows the author's name to everyone signed in, so this author's
    # name carries no marker.
    sharer = EnrolmentFactory.create(
        work_group=work_group,
        user__display_name=f"Sam Sharer {key}",
        user__email=mark.email(key, "lead"),  # not shown to the group: they did not opt in
        school=school,
    ).user
    national_output = OutputFactory.create(
        author=sharer,
        work_group=work_group,
        title=mark(key, "signed_in"),
        visibility=Output.Visibility.NATIONAL,
    )
    post = DiscussionPostFactory.create(
        work_group=work_group, author=colleague, body=mark(key, "member")
    )
    DiscussionPostFactory.create(
        work_group=work_group, author=owner, body=mark(key, "member", owner_key)
    )

    # Invitations: one to the owner's own address (theirs to answer), one the owner sent to
    # a colleague without an account.
    expires = now + timedelta(days=7)
    invitation = ColleagueInvitation.objects.create(
        work_group=work_group,
        batch=uuid.uuid4(),
        email=owner.email,
        school=school,
        invited_by=colleague,
        expires_at=expires,
    )
    ColleagueInvitation.objects.create(
        work_group=work_group,
        batch=uuid.uuid4(),
        email=mark.email(key, "lead", owner_key),
        school=school,
        invited_by=owner,
        expires_at=expires,
    )
    # Next year's copy: its invitees may see its title, so the title is not a lead's secret.
    continuation = ContinuationInvitation.objects.create(
        work_group=WorkGroupFactory.create(
            hub=hub,
            programme=programme,
            title=f"Next year {key}",
            status=WorkGroup.Status.DRAFT,
            leads=[lead],
            copied_from=work_group,
        ),
        previous=enrolment,
        invited_by=lead,
    )
    calendar_token = f"{mark(key, 'owner', owner_key).lower()}-{secrets.token_hex(8)}"
    CalendarFeed.objects.create(user=owner, token=calendar_token)
    data_export = data_export_start(user=owner)
    data_export_build(export_id=data_export.pk)
    data_export.refresh_from_db()
    erasure = erasure_request(user=owner, by=owner)

    # Evaluation: the owner's session feedback (too few answers for leads to see anything),
    # and a school leader's request, answered through its link.
    item = questionnaire.items.get(kind=Item.Kind.FREE_TEXT)
    feedback = Response.objects.create(
        questionnaire=questionnaire,
        wave=Wave.SESSION,
        work_group=work_group,
        session=past_session,
        invitation=Invitation.objects.create(
            work_group=work_group, wave=Wave.SESSION, session=past_session, user=owner
        ),
        respondent=owner,
        submitted_at=now,
    )
    evaluation.Answer.objects.create(
        response=feedback, item=item, text=mark(key, "owner", owner_key)
    )
    leader = Invitation.objects.create(
        work_group=work_group,
        wave=Wave.SCHOOL_LEADER,
        school=school,
        leader_name=f"Head {mark(key, 'lead')}",
        leader_email=mark.email(key, "lead"),
    )

    reading = ReadingFactory.create(title=f"Reading of hub {key}", hub=hub, added_by=lead)
    project = ResearchProjectFactory.create(
        work_group=work_group, title=f"Project {key}", question=mark(key, "member")
    )
    # Its write-up's first version, saved by its lead (research:writeup_version names it).
    project, _ = writeup_save(
        project=project, data=WriteUpData(summary=mark(key, "member")), version=0, by=lead
    )
    # A published finding needs its own RIWG Work Group (a year's Work Group runs one project).
    published_project = ResearchProjectFactory.create(
        work_group=WorkGroupFactory.create(
            hub=hub,
            programme=ProgrammeFactory.create(
                name=f"RIWG {key}", kind=Programme.Kind.RIWG, phases=["secondary"]
            ),
            title=f"RIWG {key}",
            academic_year=AcademicYear.current().start_year - 1,
            status=WorkGroup.Status.COMPLETED,
        ),
        title=f"Finding {key}",
        question="Does structured talk help pupils explain their reasoning?",
        summary="Talk rules helped.",
        findings="Pupils used sentence stems.",
        status=ResearchProject.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=30),
        slug=f"finding-{key.lower()}",
    )
    return Side(
        key=key,
        hub=hub,
        hub_role=HubRole.objects.get(hub=hub, user=lead),
        work_group=work_group,
        draft_work_group=draft_work_group,
        past_session=past_session,
        future_session=future_session,
        gap_task=gap_task,
        enrolment=enrolment,
        colleague_enrolment=colleague_enrolment,
        waiting_enrolment=waiting_enrolment,
        shared_trial=shared_trial,
        draft_trial=draft_trial,
        shared_evidence=shared_evidence,
        draft_evidence=draft_evidence,
        reflection=reflection,
        private_output=private_output,
        group_output=group_output,
        hub_output=hub_output,
        national_output=national_output,
        post=post,
        invitation=invitation,
        continuation=continuation,
        calendar_token=calendar_token,
        data_export=data_export,
        erasure=erasure,
        questionnaire=questionnaire,
        item=item,
        leader_token=leader.token,
        reading=reading,
        session_reading=SessionReadingFactory.create(
            session=future_session, reading=reading, guiding_question=mark(key, "member")
        ),
        project=project,
        cycle=EnquiryCycle.objects.create(
            project=project,
            year=project.years.get(),
            author=owner,
            asked=mark(key, "member"),
            class_description="Year 8",
        ),
        data_table=DataTable.objects.create(
            project=project,
            year=project.years.get(),
            title=f"Data {mark(key, 'member')}",
            columns=[{"name": "class", "kind": "text"}, {"name": "correct", "kind": "number"}],
            rows=[["Year 8", 12]],
            added_by=lead,
        ),
        published_project=published_project,
        **_development(key, hub, owner, lead, work_group, past_session, mark),
        **_applications(key, hub, owner, school, mark),
        accreditation=Accreditation.objects.create(
            user=lead, kind=Accreditation.Kind.MASTERY_SPECIALIST, year_achieved=2020
        ),
    )


def _applications(
    key: str, hub: Hub, owner: User, school: School, mark: _Markers
) -> dict[str, Any]:
    """LLME applications (leaders): the owner's, to the hub (what they wrote is for them and
    the hub's staff; the hub's note for its staff alone), and another teacher's, whose
    school leader's link the world requests (the leader's page names them: no marker)."""
    owner_persona = ROLES[key].owner

    def data(why: str, leader_email: str) -> ApplicationData:
        return ApplicationData(
            school=school,
            role_in_school="Class teacher",
            phases=["primary"],
            experience="Six years.",
            accreditations_held=[],
            programmes=[],
            why=why,
            school_leader_name="Sam Head",
            school_leader_email=leader_email,
        )

    hub_application = application_submit(
        applicant=owner,
        data=data(mark(key, "staff", owner_persona), mark.email(key, "staff", owner_persona)),
        hubs=[hub],
    ).hub_applications.get()
    staff = HubRole.objects.filter(hub=hub, role=HubRole.Kind.HUB_LEAD).first()
    hub_application_note_add(
        hub_application=hub_application, by=staff.user if staff else owner, text=mark(key, "staff")
    )
    other = application_submit(
        applicant=UserFactory.create(display_name=f"Applicant Alex {key}"),
        data=data("To lead Work Groups.", f"head-{key.lower()}@example.org"),
        hubs=[hub],
    )
    return {
        "hub_application": hub_application,
        "application_leader_token": school_leader_token(other),
    }


def _development(
    key: str,
    hub: Hub,
    owner: User,
    lead: User,
    work_group: WorkGroup,
    past_session: Session,
    mark: _Markers,
) -> dict[str, Any]:
    """LLME development (leaders): a log entry of the owner's own (their log is theirs
    alone); one of the lead's, which nobody else may see; the lead's pairing with an
    experienced co-lead of the hub; a quality visit to the lead's past session, for the lead
    and the hub's staff; co-leads' notes; and the lead's profile, listed in the directory."""
    lead_persona = next(iter(ROLES[key].lead))
    owner_persona = ROLES[key].owner
    today = timezone.localdate()
    development_entry = DevelopmentEntry.objects.create(
        user=owner, kind="training", on=today, title=mark(key, "owner", owner_persona)
    )
    DevelopmentEntry.objects.create(
        user=lead, kind="reading", on=today, title=mark(key, "owner", lead_persona)
    )
    experienced = UserFactory.create(display_name=f"Experienced Eve {key}")
    HubRoleFactory.create(user=experienced, hub=hub, role=HubRole.Kind.LLME)
    pairing = Pairing.objects.create(
        hub=hub, llme=lead, experienced=experienced, note=mark(key, "staff", lead_persona)
    )
    quality_visit = QualityVisit.objects.create(
        session=past_session,
        llme=lead,
        feedback=mark(key, "staff", lead_persona),
        reply=mark(key, "staff", lead_persona),
        replied_at=timezone.now(),
    )
    LeadNote.objects.create(work_group=work_group, author=lead, text=mark(key, "lead"))
    profile = LlmeProfile.objects.create(
        user=lead,
        listed_in_directory=True,
        phases=["primary"],
        about=mark(key, "any_hub_staff", lead_persona),
    )
    profile.programmes.set([work_group.programme])
    return {
        "development_entry": development_entry,
        "pairing": pairing,
        "quality_visit": quality_visit,
    }


def sign_in_everyone(world: World) -> None:
    """A session for each persona but the anonymous one; requests send its cookie."""
    for key, user in world.users.items():
        client = Client()
        client.force_login(user)
        world.session_keys[key] = client.cookies[settings.SESSION_COOKIE_NAME].value


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


def ask(
    world: World, persona: str, method: str, url: str, data: dict[str, Any] | None = None
) -> Answer:
    """Request `url` as `persona` in a transaction that is rolled back, so the world is the
    same for every request. An unhandled exception in the view is raised here."""
    # One client per persona: a new one loads every middleware again, which is slow. Its
    # cookies start afresh each time, so signing out (or in) lasts one request.
    client = world.clients.setdefault(persona, Client())
    client.cookies = SimpleCookie()
    if persona in world.session_keys:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.session_keys[persona]
    with transaction.atomic():
        try:
            send = client.get if method == "GET" else client.post
            response = send(url, data if method == "GET" else data or {})
            return Answer(
                status=response.status_code,
                location=response.get("Location", ""),
                body=_body(response),
            )
        finally:
            transaction.set_rollback(True)


def _body(response: object) -> str:
    if getattr(response, "streaming", False):
        # The test client closes the response once this is read; closing it again here would
        # send request_finished, which closes the database connection (on PostgreSQL).
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        content = response.content  # type: ignore[attr-defined]
    return content.decode("utf-8", errors="replace")
