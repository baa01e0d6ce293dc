"""Factories for the programme → Work Group → session → enrolment graph."""

from datetime import date, time, timedelta

import factory
from django.utils import timezone

from hubwork.accounts.tests.factories import UserFactory
from hubwork.core.academic_years import AcademicYear
from hubwork.core.choices import Phase
from hubwork.hubs.tests.factories import HubFactory
from hubwork.programmes.models import IntendedOutcome, Mode, Programme, ProgrammePhase
from hubwork.schools.tests.factories import SchoolFactory
from hubwork.workgroups.models import Enrolment, Session, WorkGroup


class ProgrammeFactory(factory.django.DjangoModelFactory[Programme]):
    """A programme for primary teachers; pass phases=[...] for others (or several)."""

    class Meta:
        model = Programme
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Programme {n}")
    slug = factory.Sequence(lambda n: f"test-programme-{n}")
    summary = "Teachers develop their understanding of the maths they teach."

    @factory.post_generation
    def phases(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create:
            return
        for phase in [Phase.PRIMARY] if extracted is None else extracted:
            ProgrammePhase.objects.get_or_create(programme=self, phase=phase)


class IntendedOutcomeFactory(factory.django.DjangoModelFactory[IntendedOutcome]):
    class Meta:
        model = IntendedOutcome

    programme = factory.SubFactory(ProgrammeFactory)
    area = IntendedOutcome.Area.PRACTICE
    text = factory.Sequence(lambda n: f"Teachers try out idea {n} with their classes.")
    position = factory.Sequence(lambda n: n)


class WorkGroupFactory(factory.django.DjangoModelFactory[WorkGroup]):
    """A Work Group open for interest this academic year; pass leads=[...] to add leads."""

    class Meta:
        model = WorkGroup
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    hub = factory.SubFactory(HubFactory)
    academic_year = factory.LazyFunction(lambda: AcademicYear.current().start_year)
    code = factory.Sequence(lambda n: f"TEST-{n:03d}")
    slug = factory.Sequence(lambda n: f"test-work-group-{n}")
    title = factory.Sequence(lambda n: f"Test Work Group {n}")
    description = "Teachers meet three times and try ideas out between sessions."
    capacity = 20
    per_school_limit = 2
    mode = Mode.FACE_TO_FACE
    venue = "Hillside Primary School, Birmingham"
    status = WorkGroup.Status.OPEN

    @factory.post_generation
    def leads(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.leads.add(*extracted)


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    """The Work Group's next session, four weeks after the one before, 9:30am to 3:30pm."""

    class Meta:
        model = Session

    work_group = factory.SubFactory(WorkGroupFactory)
    number = factory.LazyAttribute(lambda session: session.work_group.sessions.count() + 1)
    date = factory.LazyAttribute(
        lambda session: session.work_group.year.starts_on + timedelta(weeks=4 * session.number)
    )
    starts_at = time(9, 30)
    ends_at = time(15, 30)
    mode = Mode.FACE_TO_FACE
    venue = "Hillside Primary School, Birmingham"


class EnrolmentFactory(factory.django.DjangoModelFactory[Enrolment]):
    """A person from a school holding a place (enrolled) in a Work Group."""

    class Meta:
        model = Enrolment

    work_group = factory.SubFactory(WorkGroupFactory)
    # No password (make_password(None) is unusable and instant): hashing a real one takes
    # a good part of a second, and participants made here never sign in.
    user = factory.SubFactory(UserFactory, password=None)
    school = factory.SubFactory(SchoolFactory)
    status = Enrolment.Status.ENROLLED


def days(n: int) -> date:
    """The date `n` days from today (before it when negative), for dating sessions."""
    return timezone.localdate() + timedelta(days=n)
