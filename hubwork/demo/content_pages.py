"""The public site's demo pages: spotlight interviews with the demo's own LLMEs, two news
articles, the about / get involved / become an LLME pages, and a content editor and reviewer.

Written for Hubwork's demo hubs and people; every page is published once and left alone after.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from wagtail.models import Page

from hubwork.accounts.models import Role, User
from hubwork.content.models.pages import (
    ArticleIndexPage,
    HomePage,
    NewsArticlePage,
    PhaseTag,
    SpotlightPage,
    SpotlightPerson,
    StandardPage,
)
from hubwork.content.services.editors import content_groups_ensure, content_role_set
from hubwork.content.services.site import public_site_ensure
from hubwork.hubs.models import Hub
from hubwork.programmes.models import Programme

CONTENT_PEOPLE = [
    ("content-editor@example.org", "Ellis Warren", Role.CONTENT_EDITOR),
    ("content-reviewer@example.org", "Ruth Adams", Role.CONTENT_REVIEWER),
]


def _text(*paragraphs: str) -> dict[str, Any]:
    return {"type": "text", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _qa(question: str, *answers: tuple[str, str]) -> dict[str, Any]:
    return {
        "type": "question_answer",
        "value": {
            "question": question,
            "answers": [{"person": person, "answer": f"<p>{text}</p>"} for person, text in answers],
        },
    }


@dataclass(frozen=True)
class DemoSpotlight:
    slug: str
    title: str
    standfirst: str
    published_on: date
    phases: tuple[str, ...]
    programmes: tuple[str, ...]
    hubs: tuple[str, ...]
    # (name, role, hub slug)
    people: tuple[tuple[str, str, str], ...]
    body: list[dict[str, Any]] = field(default_factory=list)


GRACE = "Grace Adeyemi"
DANIEL = "Daniel Hughes"

SPOTLIGHTS = [
    DemoSpotlight(
        "talking-maths-oracy",
        "Spotlight on LLMEs: Grace Adeyemi and Daniel Hughes on talking maths",
        "Grace and Daniel co-lead GLOW Maths Hub's research group on oracy. They told us what "
        "changed when teachers planned for talk as carefully as for written work.",
        date(2026, 11, 12),
        ("primary", "secondary"),
        ("riwg-oracy",),
        ("glow",),
        (
            (GRACE, "LLME and Mastery Specialist, Year 4 teacher", "glow"),
            (DANIEL, "LLME and Specialist Lead, head of maths", "glow"),
        ),
        [
            _qa(
                "How did you come to lead this group together?",
                (
                    GRACE,
                    "We met on a hub training day and found we were asking the same "
                    "question: why do pupils who can do the written method go quiet when "
                    "we ask them to explain it?",
                ),
                (
                    DANIEL,
                    "Grace teaches Year 4 and I teach Year 7, so between us we see both "
                    "sides of the move to secondary school. Leading together means every "
                    "session has a primary and a secondary view.",
                ),
            ),
            _qa(
                "What does a session look like?",
                (
                    GRACE,
                    "We start with what people tried since we last met. Each teacher brings "
                    "one short piece of pupil talk, written down without names, and we look "
                    "at it together.",
                ),
                (
                    DANIEL,
                    "Then we plan the next small change. Last term it was sentence stems "
                    "such as 'I know this is true because…'. Small enough to try on a "
                    "Monday morning.",
                ),
            ),
            _qa(
                "What has changed in classrooms?",
                (
                    GRACE,
                    "Pupils wait for each other more. The quieter ones have words ready "
                    "before they are asked to speak, so more of them put their hands up.",
                ),
                (
                    DANIEL,
                    "Teachers say they now hear mistakes earlier. When pupils explain out "
                    "loud, you find out what they think while there is still time to help.",
                ),
            ),
            _qa(
                "What would you say to a teacher thinking of joining?",
                (GRACE, "Come with one class in mind. You do not need to be an expert."),
                (
                    DANIEL,
                    "It takes about a day a term, plus trying things with your class in "
                    "between. Most of the work happens in lessons you were teaching anyway.",
                ),
            ),
        ],
    ),
    DemoSpotlight(
        "core-maths-in-the-sixth-form",
        "Spotlight on LLMEs: Rachel Osei on Core Maths in the sixth form",
        "Rachel leads Core Maths Work Groups across Birmingham and the Black Country. She "
        "explains how real data helps students see why maths matters after GCSE.",
        date(2026, 10, 8),
        ("post16",),
        ("developing-core-maths-pedagogy",),
        ("glow",),
        (("Rachel Osei", "LLME and Assistant Hub Lead for post-16", "glow"),),
        [
            _qa(
                "What is Core Maths, in a sentence?",
                (
                    "Rachel Osei",
                    "It is maths for students who passed GCSE but are not taking A level: "
                    "using numbers to make sense of money, risk and data in real life.",
                ),
            ),
            _qa(
                "What do teachers take away from the Work Group?",
                (
                    "Rachel Osei",
                    "Lessons that start with a real question, such as whether a phone "
                    "contract is good value. Teachers leave with plans they can use the next "
                    "week.",
                ),
            ),
            _qa(
                "What surprised you most?",
                (
                    "Rachel Osei",
                    "How many teachers of other subjects came. A geography teacher now "
                    "teaches Core Maths in her college, and her students love the fieldwork "
                    "data.",
                ),
            ),
        ],
    ),
    DemoSpotlight(
        "mastery-in-a-small-school",
        "Spotlight on LLMEs: Liam Evans on mastery in mixed-age classes",
        "Liam teaches a Year 3 and 4 class and leads Sustaining Teaching for Mastery in GLOW "
        "Maths Hub. He shares how small schools make mastery work.",
        date(2026, 9, 17),
        ("primary",),
        ("sustaining-teaching-for-mastery",),
        ("glow",),
        (("Liam Evans", "LLME and PD Lead, Year 3 and 4 teacher", "glow"),),
        [
            _qa(
                "Is teaching for mastery harder with two year groups in one class?",
                (
                    "Liam Evans",
                    "It is different, not harder. We choose one big idea for the whole "
                    "class and give each year group a way in. Everyone talks about the same "
                    "maths.",
                ),
            ),
            _qa(
                "How does the Work Group help?",
                (
                    "Liam Evans",
                    "Schools in the group visit each other's lessons. Seeing another teacher "
                    "solve the same problem you have is worth more than any slide.",
                ),
            ),
        ],
    ),
]


@dataclass(frozen=True)
class DemoNews:
    slug: str
    title: str
    standfirst: str
    published_on: date
    phases: tuple[str, ...]
    programmes: tuple[str, ...]
    hubs: tuple[str, ...]
    paragraphs: tuple[str, ...]


NEWS = [
    DemoNews(
        "work-groups-open-for-next-year",
        "Work Groups for next year are open for sign-up",
        "Every Maths Hub has published its Work Groups for the coming school year. Places "
        "are free to state-funded schools.",
        date(2026, 11, 20),
        ("primary", "secondary", "post16"),
        ("sustaining-teaching-for-mastery", "mastering-number"),
        ("glow", "origin", "code", "shaw"),
        (
            "You can now search every Work Group by phase, programme and Maths Hub, and sign "
            "up with your school.",
            "Places are limited in some groups, so talk to your head teacher or subject "
            "leader soon. If a group is full, you can join its waiting list.",
        ),
    ),
    DemoNews(
        "oracy-group-shares-findings",
        "Oracy research group shares what it found",
        "Teachers in GLOW Maths Hub's oracy group have published what they learned about "
        "pupils explaining their reasoning out loud.",
        date(2026, 10, 30),
        ("primary", "secondary"),
        ("riwg-oracy",),
        ("glow",),
        (
            "Over one school year, twelve teachers tried short changes to how pupils talk "
            "about maths, and recorded what happened in their classes.",
            "Their findings are now in Hubwork's research findings, with the planning they "
            "used, so any school can try the same ideas.",
        ),
    ),
]

STANDARD_PAGES = [
    (
        "about",
        "About the Maths Hubs",
        "The Maths Hubs are 40 local groups of schools and colleges in England that help "
        "teachers get better at teaching maths.",
        (
            "Each Maths Hub is led by a school or college with strong maths teaching. It works "
            "with the schools in its area to plan professional development that fits local "
            "needs.",
            "Most of this happens in Work Groups: small groups of teachers from several "
            "schools who meet a few times in a school year. Between meetings, teachers try "
            "ideas with their own classes and then talk about what worked.",
        ),
    ),
    (
        "get-involved",
        "Get involved",
        "There are several ways for teachers, teaching assistants and schools to take part.",
        (
            "Join a Work Group. Search for one near you by phase and topic, and sign up with "
            "your school.",
            "Sign up for a newsletter to hear about new Work Groups and what other schools "
            "are doing.",
            "Become a local leader of mathematics education (LLME) and lead Work Groups yourself.",
        ),
    ),
    (
        "become-an-llme",
        "Become an LLME",
        "Local leaders of mathematics education (LLMEs) are teachers who lead Work Groups "
        "for other teachers.",
        (
            "<b>Who LLMEs are.</b> LLMEs are practising teachers and "
            "maths leads from primary schools, secondary schools and colleges. "
            "They keep teaching in their own school, and many lead with a co-lead from "
            "another school.",
            "<b>What the role involves.</b> You plan and lead Work Groups: small groups of "
            "teachers from several schools who meet a few times in a school year, try ideas "
            "with their own classes between sessions and come back to talk about what "
            "worked. You set the tasks between sessions, take the register, look at what "
            "participants tried and help them evaluate the difference it made.",
            "<b>The time it takes.</b> Most LLMEs give about a day a week, agreed between "
            "their school and the Maths Hub. Some work with more than one hub.",
            "<b>The training.</b> New LLMEs train on the PD Lead programme, run by their hub "
            "with sessions across the year. Your hub pairs you with an experienced co-lead, "
            "and you keep developing through national events and the hub's own meetings.",
            "<b>Applying.</b> You need recent experience of teaching maths and the support of "
            "your headteacher or another school leader, who we ask to confirm it by email. "
            "You can apply to more than one Maths Hub with one form.",
            '<a href="/become-an-llme/apply/">Apply to become an LLME</a>',
        ),
    ),
]


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _concerns(
    page: Any, phases: tuple[str, ...], programmes: tuple[str, ...], hubs: tuple[str, ...]
) -> None:
    page.phases.set(PhaseTag.objects.filter(phase__in=phases))
    page.programmes.set(Programme.objects.filter(slug__in=programmes))
    page.hubs.set(Hub.objects.filter(slug__in=hubs))


def seed_content_pages(*, password: str) -> int:
    """The demo's public pages and its content editor and reviewer; what exists is left."""
    created = 0
    public_site_ensure()
    content_groups_ensure()
    home = HomePage.objects.get()
    listing = ArticleIndexPage.objects.child_of(home).get()
    existing = set(Page.objects.child_of(home).values_list("slug", flat=True))
    for slug, title, standfirst, paragraphs in STANDARD_PAGES:
        if slug in existing:
            continue
        _publish(
            home,
            StandardPage(
                title=title,
                slug=slug,
                standfirst=standfirst,
                body=[_text(*paragraphs)],
            ),
        )
        created += 1
    existing = set(Page.objects.child_of(listing).values_list("slug", flat=True))
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    for spotlight in SPOTLIGHTS:
        if spotlight.slug in existing:
            continue
        page = SpotlightPage(
            title=spotlight.title,
            slug=spotlight.slug,
            standfirst=spotlight.standfirst,
            published_on=spotlight.published_on,
            body=spotlight.body,
        )
        _concerns(page, spotlight.phases, spotlight.programmes, spotlight.hubs)
        page.people = [
            SpotlightPerson(name=name, role=role, hub=hubs.get(hub_slug))
            for name, role, hub_slug in spotlight.people
        ]
        _publish(listing, page)
        created += 1
    for news in NEWS:
        if news.slug in existing:
            continue
        article = NewsArticlePage(
            title=news.title,
            slug=news.slug,
            standfirst=news.standfirst,
            published_on=news.published_on,
            body=[_text(*news.paragraphs)],
        )
        _concerns(article, news.phases, news.programmes, news.hubs)
        _publish(listing, article)
        created += 1
    for email, name, role in CONTENT_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, display_name=name)
            created += 1
        _, made = EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        created += made
        if user.content_role != role:
            content_role_set(user=user, role=role, by=None)
            created += 1
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
            created += 1
    return created
