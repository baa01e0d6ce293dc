"""Time evaluation's figures at national scale: one programme run by every hub.

    .venv/bin/python bench/evaluation.py [--hubs 40] [--groups 5] [--members 25] [--runs 10]
    .venv/bin/python bench/evaluation.py --database-url postgres://postgres@127.0.0.1:5432/hubwork_eval

Runs against a throwaway SQLite database in a temporary folder, or against the local
PostgreSQL database named by --database-url (created if missing, and emptied of evaluation
bench data by running on a fresh name: use a new name each time). One programme with 8
intended outcomes (two per outcome area) is run by `--hubs` hubs × `--groups` Work Groups ×
`--members` participants, each Work Group with 4 sessions held. About 95% answer each
session's feedback (6 questions), 95% the pre questionnaire and 85% the post one (8 matched
scale items and one asked before only): about 30,000 responses and 200,000 answers at the
defaults. It then times the Work Group report's figures for one Work Group
(`feedback_by_session` + `pre_post_for`), the hub roll-up, the national programme roll-up and
the list of programmes, as selectors and as pages (Django's test client, signed in as a
national admin), printing the median and 95th percentile in milliseconds and the queries.
"""

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import time as clock
from datetime import timedelta
from functools import partial
from typing import Any

from common import (
    counting_queries,
    generate,
    postgres_database,
    throwaway_database,
    time_requests,
)

SESSION_DAYS = [-120, -90, -60, -30]
AREAS = ["professional_learning", "practice", "pupil_learning", "school_approaches"]
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
BATCH = 5_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hubs", type=int, default=40)
    parser.add_argument("--groups", type=int, default=5, help="Work Groups per hub")
    parser.add_argument("--members", type=int, default=25, help="participants per Work Group")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="", help="a local PostgreSQL database")
    arguments = parser.parse_args()

    with _database(arguments.database_url):
        from django.db import connection

        generate(
            lambda: _generate(
                hubs=arguments.hubs,
                groups=arguments.groups,
                members=arguments.members,
                random=random.Random(arguments.seed),
            )
        )
        if connection.vendor == "postgresql":
            # Planner statistics for the freshly loaded tables, as autovacuum keeps them on a
            # running server (without them PostgreSQL plans nested loops over 70,000 rows).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"Database: {connection.vendor}")
        _time(runs=arguments.runs)


@contextmanager
def _database(database_url: str) -> Iterator[None]:
    if not database_url:
        with throwaway_database():
            yield
        return
    with postgres_database(database_url):
        yield


def _generate(*, hubs: int, groups: int, members: int, random: random.Random) -> str:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from hubwork.accounts.models import User
    from hubwork.core.academic_years import AcademicYear
    from hubwork.evaluation.models import Answer, Item, Questionnaire, Response, Wave
    from hubwork.hubs.models import Hub
    from hubwork.programmes.models import IntendedOutcome, Programme
    from hubwork.schools.models import LocalAuthority, School
    from hubwork.workgroups.models import Enrolment, Session, WorkGroup

    today, now, year = timezone.localdate(), timezone.now(), AcademicYear.current().start_year
    password = make_password(None)
    with transaction.atomic():
        admin = User.objects.create(
            email="national@example.org",
            display_name="Nadia National",
            is_national_admin=True,
            password=password,
        )
        # National admins must have two-factor set up to open their pages.
        TOTP.activate(admin, generate_totp_secret())
        programme = Programme.objects.create(
            name="Mastering Number", slug="mastering-number", summary="Number sense."
        )
        outcomes = IntendedOutcome.objects.bulk_create(
            IntendedOutcome(
                programme=programme,
                area=area,
                position=n,
                text=f"Outcome {n + 1} on {area.replace('_', ' ')}",
            )
            for n, area in enumerate(AREAS * 2)
        )
        pre_post = Questionnaire.objects.create(
            programme=programme, kind=Questionnaire.Kind.PRE_POST, title="Before and after"
        )
        matched = Item.objects.bulk_create(
            Item(
                questionnaire=pre_post,
                position=n,
                kind=Item.Kind.SCALE,
                text=f"I am confident about outcome {n + 1}.",
                outcome=outcome,
                area=outcome.area,
                scale_labels=[str(point) for point in range(1, 8)],
            )
            for n, outcome in enumerate(outcomes)
        )
        pre_only = Item.objects.create(
            questionnaire=pre_post,
            position=99,
            kind=Item.Kind.SCALE,
            text="What do you hope for?",
            asked=Item.Asked.PRE,
            outcome=outcomes[0],
            area=outcomes[0].area,
            scale_labels=AGREE,
        )
        feedback = Questionnaire.objects.create(
            kind=Questionnaire.Kind.SESSION_FEEDBACK, title="Session feedback"
        )
        scale_items = Item.objects.bulk_create(
            Item(
                questionnaire=feedback,
                position=n,
                kind=Item.Kind.SCALE,
                text=text,
                scale_labels=AGREE,
            )
            for n, text in enumerate(
                ["The session was useful.", "I will use it.", "The pace was right."]
            )
        )
        single = Item.objects.create(
            questionnaire=feedback,
            position=4,
            kind=Item.Kind.SINGLE_CHOICE,
            text="Format",
            choices=["In person", "Online", "Either"],
        )
        several = Item.objects.create(
            questionnaire=feedback,
            position=5,
            kind=Item.Kind.MULTIPLE_CHOICE,
            text="Ideas to try",
            choices=["Bar models", "Rekenreks", "Talk tasks", "Games"],
        )
        comment = Item.objects.create(
            questionnaire=feedback,
            position=6,
            kind=Item.Kind.FREE_TEXT,
            text="Anything else?",
            required=False,
        )

        local_authority = LocalAuthority.objects.create(code="999", name="Bench")
        schools = School.objects.bulk_create(
            School(urn=900_000 + n, name=f"Bench School {n}", local_authority=local_authority)
            for n in range(members)
        )
        hub_list = Hub.objects.bulk_create(
            Hub(
                name=f"Bench Maths Hub {n:02d}",
                slug=f"bench-{n:02d}",
                email=f"bench-{n:02d}@example.org",
            )
            for n in range(hubs)
        )
        work_groups = WorkGroup.objects.bulk_create(
            WorkGroup(
                programme=programme,
                hub=hub,
                academic_year=year,
                code=f"MN{n:02d}",
                slug=f"bench-{hub.slug}-mn{n:02d}",
                title=f"Mastering Number {hub.slug} group {n:02d}",
                capacity=members,
                status=WorkGroup.Status.RUNNING,
            )
            for hub in hub_list
            for n in range(groups)
        )
        people = User.objects.bulk_create(
            (
                User(email=f"member{n}@example.org", display_name=f"Member {n}", password=password)
                for n in range(len(work_groups) * members)
            ),
            batch_size=BATCH,
        )
        member_lists = [people[n * members : (n + 1) * members] for n in range(len(work_groups))]
        Enrolment.objects.bulk_create(
            (
                Enrolment(work_group=group, user=person, school=school, status="enrolled")
                for group, group_members in zip(work_groups, member_lists, strict=True)
                for person, school in zip(group_members, schools, strict=True)
            ),
            batch_size=BATCH,
        )
        sessions = Session.objects.bulk_create(
            (
                Session(
                    work_group=group,
                    number=number,
                    date=today + timedelta(days=day),
                    starts_at=clock(9, 30),
                    ends_at=clock(15, 30),
                )
                for group in work_groups
                for number, day in enumerate(SESSION_DAYS, start=1)
            ),
            batch_size=BATCH,
        )

        # Responses: (response, its answers) built together, saved in two bulk inserts.
        planned: list[tuple[Response, list[Answer]]] = []
        for index, group in enumerate(work_groups):
            group_sessions = sessions[index * 4 : (index + 1) * 4]
            lift = random.uniform(-0.3, 1.5)  # Work Groups differ
            for person in member_lists[index]:
                for session in group_sessions:
                    if random.random() < 0.95:
                        answers = [
                            Answer(item=item, number=random.choice([3, 4, 4, 5, 5]))
                            for item in scale_items
                        ]
                        answers.append(Answer(item=single, number=random.randrange(3)))
                        answers.append(Answer(item=several, choice_list=random.sample(range(4), 2)))
                        if random.random() < 0.3:
                            answers.append(Answer(item=comment, text="Useful ideas to try."))
                        planned.append(
                            (
                                Response(
                                    questionnaire=feedback,
                                    wave=Wave.SESSION,
                                    work_group=group,
                                    session=session,
                                    respondent=person,
                                    submitted_at=now,
                                ),
                                answers,
                            )
                        )
                before = [random.randint(2, 5) for _ in matched]
                if random.random() < 0.95:
                    answers = [
                        Answer(item=item, number=score)
                        for item, score in zip(matched, before, strict=True)
                    ]
                    answers.append(Answer(item=pre_only, number=4))
                    planned.append(
                        (
                            Response(
                                questionnaire=pre_post,
                                wave=Wave.PRE,
                                work_group=group,
                                respondent=person,
                                submitted_at=now,
                            ),
                            answers,
                        )
                    )
                if random.random() < 0.85:
                    planned.append(
                        (
                            Response(
                                questionnaire=pre_post,
                                wave=Wave.POST,
                                work_group=group,
                                respondent=person,
                                submitted_at=now,
                            ),
                            [
                                Answer(
                                    item=item,
                                    number=max(1, min(7, round(score + lift + random.gauss(0, 1)))),
                                )
                                for item, score in zip(matched, before, strict=True)
                            ],
                        )
                    )
        responses = Response.objects.bulk_create(
            [response for response, _answers in planned], batch_size=BATCH
        )
        answers = []
        for response, (_planned, its_answers) in zip(responses, planned, strict=True):
            for answer in its_answers:
                answer.response = response
                answers.append(answer)
        Answer.objects.bulk_create(answers, batch_size=BATCH)
    return (
        f"{len(hub_list)} hubs, {len(work_groups)} Work Groups, {len(people)} participants, "
        f"{len(sessions)} sessions, {len(responses)} responses, {len(answers)} answers"
    )


def _time_call(label: str, call: Callable[[], Any], *, runs: int) -> None:
    call()  # warm
    timings = []
    queries = 0
    for _ in range(runs):
        with counting_queries() as counted:
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        queries = counted()
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
    print(
        f"{label:<58} median {statistics.median(timings):7.1f} ms  "
        f"p95 {p95:7.1f} ms  {queries:3d} queries"
    )


def _time(*, runs: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from hubwork.accounts.models import User
    from hubwork.core.academic_years import AcademicYear
    from hubwork.evaluation.selectors.feedback import feedback_by_session
    from hubwork.evaluation.selectors.pre_post import pre_post_for
    from hubwork.evaluation.selectors.rollups import (
        hub_rollup,
        national_programme,
        national_programmes,
    )
    from hubwork.hubs.models import Hub
    from hubwork.programmes.models import Programme
    from hubwork.workgroups.models import WorkGroup

    year = AcademicYear.current()
    work_group = WorkGroup.objects.order_by("pk").first()
    assert work_group is not None
    hub = Hub.objects.order_by("name").first()
    assert hub is not None
    programme = Programme.objects.get(slug="mastering-number")

    _time_call(
        "Work Group report figures (feedback + pre/post)",
        lambda: (feedback_by_session(work_group), pre_post_for([work_group.pk])),
        runs=runs,
    )
    _time_call("hub roll-up (5 Work Groups)", lambda: hub_rollup(hub, year), runs=runs)
    _time_call(
        "national programme roll-up (all hubs + England)",
        lambda: national_programme(programme, year),
        runs=runs,
    )
    _time_call("national list of programmes", lambda: national_programmes(year), runs=runs)

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="national@example.org"))
    pages = [
        ("page: hub roll-up", reverse("evaluation:hub_rollup", kwargs={"hub_slug": hub.slug})),
        (
            "page: hub roll-up CSV",
            reverse("evaluation:hub_rollup_csv", kwargs={"hub_slug": hub.slug}),
        ),
        (
            "page: national programme roll-up",
            reverse("evaluation:national_programme", kwargs={"programme_slug": programme.slug}),
        ),
        (
            "page: national programme CSV",
            reverse("evaluation:national_programme_csv", kwargs={"programme_slug": programme.slug}),
        ),
    ]
    for label, url in pages:
        timing = time_requests(label, partial(_get, client, url), runs=runs)
        print(
            f"{label:<58} median {timing.median:7.1f} ms  p95 {timing.p95:7.1f} ms  "
            f"{timing.queries:3d} queries"
        )


def _get(client: Any, url: str) -> Any:
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


if __name__ == "__main__":
    main()
