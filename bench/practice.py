"""Time the pages of the practice app (between sessions) on a busy Work Group.

    .venv/bin/python bench/practice.py [--groups 10] [--members 30] [--runs 20] [--seed 1]

Runs against a throwaway SQLite database in a temporary folder (DATABASE_URL is ignored), so
it never touches real data. One hub's LLME leads `--groups` Work Groups this academic year,
each with `--members` members, 6 sessions (three already held), a plan of 10 activities and 3
gap tasks per session, about 3 trials per member for each session held (1–2 evidence rows
each, a few still drafts), 200 discussion posts and 50 outputs. It then requests the lead's
and a member's pages through Django's test client.
"""

import argparse
import random
from datetime import datetime, timedelta
from datetime import time as clock
from functools import partial
from itertools import product
from typing import Any

from common import generate, throwaway_database, time_requests

DAYS = [-63, -42, -21, 14, 42, 70]  # sessions 1–3 held 9, 6 and 3 weeks ago; 4–6 to come
HELD, ACTIVITIES, GAP_TASKS, TRIALS, POSTS, OUTPUTS = 3, 10, 3, 3, 200, 50
KINDS = ["input", "discussion", "research", "planning", "break"]
KINDS += ["evaluating", "discussion", "planning", "reflection", "discussion"]
EVIDENCE = {"file": "private/evidence/x.jpg", "content_type": "image/jpeg", "size": 1}
TRIAL = {
    "what_tried": "Stem sentences for explaining equivalent fractions.",
    "what_happened": "Most of the class used the sentences.",
    "pupil_response": "Keen; quieter pupils spoke more.",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=10, help="Work Groups the lead leads")
    parser.add_argument("--members", type=int, default=30, help="members of each Work Group")
    parser.add_argument("--runs", type=int, default=20, help="requests timed per page")
    parser.add_argument("--seed", type=int, default=1, help="for repeatable data")
    arguments = parser.parse_args()

    with throwaway_database():
        generate(
            lambda: _generate(
                groups=arguments.groups,
                members=arguments.members,
                random=random.Random(arguments.seed),
            )
        )
        _time_pages(runs=arguments.runs)


def _generate(*, groups: int, members: int, random: random.Random) -> str:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from hubwork.accounts.models import User
    from hubwork.core.academic_years import AcademicYear
    from hubwork.hubs.models import Hub, HubRole
    from hubwork.practice.models import (
        Activity,
        ClassroomTrial,
        DiscussionPost,
        Evidence,
        GapTask,
        Output,
        SessionPlan,
    )
    from hubwork.programmes.mechanisms import Mechanism
    from hubwork.programmes.models import Programme
    from hubwork.schools.models import LocalAuthority, School
    from hubwork.workgroups.models import Enrolment, Session, WorkGroup

    today, now, year = timezone.localdate(), timezone.now(), AcademicYear.current().start_year
    password = make_password(None)  # hashing hundreds of passwords would time the hasher
    with transaction.atomic():
        hub = Hub.objects.create(name="Bench Maths Hub", slug="bench")
        lead = User.objects.create(email="lead@example.org", display_name="Liam Lead")
        HubRole.objects.create(user=lead, hub=hub, role=HubRole.Kind.LLME)
        programme = Programme.objects.create(
            name="Mastering Number", slug="mastering-number", summary="Number sense."
        )
        local_authority = LocalAuthority.objects.create(code="999", name="Bench")
        schools = School.objects.bulk_create(
            School(urn=900_000 + n, name=f"Bench School {n}", local_authority=local_authority)
            for n in range(members)
        )
        work_groups = WorkGroup.objects.bulk_create(
            WorkGroup(
                programme=programme,
                hub=hub,
                academic_year=year,
                code=f"MN{n:02d}",
                slug=f"bench-mn{n:02d}",
                title=f"Mastering Number group {n:02d}",
                capacity=members,
                status=WorkGroup.Status.RUNNING,
            )
            for n in range(groups)
        )
        WorkGroup.leads.through.objects.bulk_create(
            WorkGroup.leads.through(workgroup_id=group.pk, user_id=lead.pk) for group in work_groups
        )
        people = User.objects.bulk_create(
            User(email=f"member{n}@example.org", display_name=f"Member {n}", password=password)
            for n in range(groups * members)
        )
        member_lists = [people[n * members : (n + 1) * members] for n in range(groups)]
        Enrolment.objects.bulk_create(
            Enrolment(work_group=group, user=person, school=school, status="enrolled")
            for group, group_members in zip(work_groups, member_lists, strict=True)
            for person, school in zip(group_members, schools, strict=True)
        )
        sessions = Session.objects.bulk_create(
            Session(
                work_group=group,
                number=number,
                date=today + timedelta(days=day),
                starts_at=clock(9, 30),
                ends_at=clock(15, 30),
            )
            for group in work_groups
            for number, day in enumerate(DAYS, start=1)
        )
        plans = SessionPlan.objects.bulk_create(
            SessionPlan(session=session, version=1, updated_by=lead) for session in sessions
        )
        mechanisms = list(Mechanism.values)
        Activity.objects.bulk_create(
            Activity(
                plan=plan,
                position=position,
                title=f"Activity {position}",
                kind=KINDS[position - 1],
                minutes=15 if KINDS[position - 1] == "break" else 35,
                notes="Pairs explain their reasoning to each other.",
                mechanisms=random.sample(mechanisms, random.randint(0, 3)),
            )
            for plan in plans
            for position in range(1, ACTIVITIES + 1)
        )
        tasks = GapTask.objects.bulk_create(
            GapTask(
                session=session,
                title=f"Try idea {n} from session {session.number}",
                classes="Any Key Stage 2 class",
                due_on=session.date + timedelta(weeks=3),
                set_by=lead,
            )
            for session in sessions
            for n in range(1, GAP_TASKS + 1)
        )
        tasks_at = {
            session.pk: tasks[i * GAP_TASKS : (i + 1) * GAP_TASKS]
            for i, session in enumerate(sessions)
        }
        trials = []
        for group, group_members in zip(work_groups, member_lists, strict=True):
            held = [session for session in sessions if session.work_group_id == group.pk][:HELD]
            for session, person, n in product(held, group_members, range(TRIALS)):
                tried_on = session.date + timedelta(days=random.randint(1, 14))
                shared = timezone.make_aware(datetime.combine(tried_on, clock(16)))
                trials.append(
                    ClassroomTrial(
                        work_group=group,
                        author=person,
                        gap_task=random.choice(tasks_at[session.pk]) if n else None,
                        own_idea="" if n else "Number talks at the start of lessons",
                        class_or_year_group=random.choice(["Year 3", "Year 4", "Year 5"]),
                        tried_on=tried_on,
                        impact_rating=random.choice([None, 2, 3, 4, 4, 5]),
                        shared_at=shared if random.random() < 0.9 else None,  # a few drafts
                        **TRIAL,
                    )
                )
        trials = ClassroomTrial.objects.bulk_create(trials, batch_size=1_000)
        evidence = Evidence.objects.bulk_create(
            (
                Evidence(trial=trial, original_name=f"photo {n}.jpg", **EVIDENCE)
                for trial in trials
                for n in range(random.randint(1, 2))
            ),
            batch_size=1_000,
        )
        DiscussionPost.objects.bulk_create(
            DiscussionPost(
                work_group=group,
                author=random.choice([*group_members, lead]),
                body="We tried this with Year 4 and it worked well. " * random.randint(1, 4),
            )
            for group, group_members in zip(work_groups, member_lists, strict=True)
            for _ in range(POSTS)
        )
        Output.objects.bulk_create(
            Output(
                author=random.choice(group_members),
                work_group=group,
                kind=random.choice(Output.Kind.values),
                title=f"Output {n} of {group.code}",
                description="A resource to take back to school.",
                link="https://example.org/resource",
                visibility=random.choice(Output.Visibility.values),
            )
            for group, group_members in zip(work_groups, member_lists, strict=True)
            for n in range(OUTPUTS)
        )
    assert all(s.starts() < now for s in sessions[:HELD]), "sessions 1–3 must be held"
    return (
        f"{groups} Work Groups × {members} members: {len(sessions)} sessions, "
        f"{len(plans) * ACTIVITIES} activities, {len(tasks)} gap tasks, {len(trials):,} trials, "
        f"{len(evidence):,} evidence rows, {groups * POSTS:,} posts, {groups * OUTPUTS} outputs"
    )


def _time_pages(*, runs: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from hubwork.accounts.models import User
    from hubwork.practice.selectors.what_we_tried import what_we_tried
    from hubwork.workgroups.models import WorkGroup

    work_group = WorkGroup.objects.select_related("hub").order_by("pk").first()
    assert work_group is not None
    sessions = list(work_group.sessions.order_by("number"))
    lead = work_group.leads.get()
    member = User.objects.get(email="member0@example.org")
    tried = what_we_tried(sessions[2])
    print(
        f'"What we tried" for session 3: {tried.trial_count} trials in {len(tried.groups)} '
        f"groups, {len(tried.not_yet_shared)} members not yet shared"
    )
    manage = {"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    session_3, session_4 = ({**manage, "session_pk": session.pk} for session in sessions[2:4])
    space = {"slug": work_group.slug}
    pages: list[tuple[str, User, str, dict[str, Any]]] = [
        ('lead: "What we tried", session 3', lead, "practice:what_we_tried", session_3),
        ('lead: "What we tried", print', lead, "practice:what_we_tried_print", session_3),
        ("lead: plans and mechanism grid", lead, "practice:plans", manage),
        ("lead: planner, session 4", lead, "practice:plan", session_4),
        ("lead: dashboard", lead, "dashboard:index", {}),
        ("member: group space", member, "practice:group_space", space),
        ("member: discussion", member, "practice:group_discussion", space),
        ("member: /my/practice/", member, "practice:mine", {}),
        ("member: outputs library", member, "practice:output_library", {}),
    ]
    clients: dict[int, Client] = {}
    for user in (lead, member):
        clients[user.pk] = Client(HTTP_HOST="localhost")
        clients[user.pk].force_login(user)
    print(f"Pages through django.test.Client ({runs} requests each, after one warm-up):")
    print(f"  {'page':<36} {'median':>8} {'p95':>8} {'queries':>8} {'size':>9}")
    for label, user, name, kwargs in pages:
        client, path = clients[user.pk], reverse(name, kwargs=kwargs)
        timing = time_requests(label, partial(client.get, path), runs=runs)
        size = len(timing.response.content) / 1024
        print(
            f"  {label:<36} {timing.median:6.1f} ms {timing.p95:6.1f} ms {timing.queries:>8} "
            f"{size:6.1f} KB"
        )


if __name__ == "__main__":
    main()
