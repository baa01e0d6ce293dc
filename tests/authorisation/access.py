"""Who may open each URL pattern: the expected-access table `TABLE`, one entry per pattern name
(`namespace:name`), which `test_urls.py` requests as every persona with hub A's objects and
again with hub B's.

Adding a URL pattern? `test_urls.py` fails until it has an entry here. Add one:

    "app:name": entry(
        Case(lambda side: {"pk": side.shared_trial.pk}, get=Rule(MEMBER), post=Rule(OWNER)),
    ),

- `Case(kwargs, get=…, post=…)`: `kwargs` builds the pattern's arguments from one side of the
  world (`world.Side`: hub A's or hub B's hub, Work Group, sessions, trials …; add what you
  need there). A pattern without arguments is requested once (with side A); one with
  arguments is requested with each side. Several cases (a shared and a draft trial) each get
  a `label`. `query` adds a query string (a str, or a function of the side).
- `get` and `post` are a `Rule(level, ok, denied)`: the personas at `level` on that side must get a
  status in `ok` (GET defaults to 200; POST, sent empty, to 200 or 302); everyone else gets
  403 or 404 (404 alone for `OWNER`: someone else's own things are "not found", so an
  address says nothing about them; `denied` says otherwise), and anonymous visitors may
  instead be sent to sign in. `get=None` / `post=None` say the pattern answers that method
  with 405 for everyone; `post=UNCHECKED` leaves POST out (allauth's own pages).
- Levels, narrowest last: `PUBLIC` (anyone), `SIGNED_IN`, `MEMBER` (the Work Group's members
  and everyone in `LEAD`), `LEAD` (its leads and everyone in `HUB_STAFF`), `HUB_STAFF` (the
  hub's lead and assistant leads, and national admins), `HUB_LEAD` (the hub lead and national
  admins), `NATIONAL`, `OWNER` (the person whose own object it is, never anyone else) and
  `NOBODY` (a draft Work Group's public page).

Levels say what the product intends (the docstrings of the getters in each app's
`permissions.py`), not what the code happens to do: a test failure means one of the two is
wrong, and it is the code unless the product changed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from tests.authorisation.world import (
    ANONYMOUS,
    NATIONAL_ADMIN,
    ROLES,
    Marker,
    Side,
)

PUBLIC = "public"
SIGNED_IN = "signed_in"
MEMBER = "member"
LEAD = "lead"
HUB_STAFF = "staff"
HUB_LEAD = "hub_lead"
NATIONAL = "national"
OWNER = "owner"
NOBODY = "nobody"
# LLME development (leaders): the LLMEs of any hub (their own development pages and profile);
# the staff of any hub and national admins (the national directory); the side's Work Group
# lead alone (the quality visit to their session, which they reply to).
LLMES = "llmes"
ANY_HUB_STAFF = "any_hub_staff"
THE_LEAD = "the_lead"

LEVELS: tuple[str, ...] = (
    PUBLIC,
    SIGNED_IN,
    MEMBER,
    LEAD,
    HUB_STAFF,
    HUB_LEAD,
    NATIONAL,
    OWNER,
    NOBODY,
)
LEVELS += (LLMES, ANY_HUB_STAFF, THE_LEAD)


def may(level: str, persona: str, side: str) -> bool:
    """Whether `persona` is in `level`'s audience for `side`'s objects."""
    roles = ROLES[side]
    national = persona == NATIONAL_ADMIN
    if level == PUBLIC:
        return True
    if level == SIGNED_IN:
        return persona != ANONYMOUS
    if level == NATIONAL:
        return national
    if level == HUB_LEAD:
        return national or persona in roles.hub_lead
    if level == HUB_STAFF:
        return national or persona in roles.staff
    if level == LEAD:
        return may(HUB_STAFF, persona, side) or persona in roles.lead
    if level == MEMBER:
        return may(LEAD, persona, side) or persona in roles.member
    if level == OWNER:
        return persona == roles.owner
    if level == LLMES:
        return any(persona in side_roles.lead for side_roles in ROLES.values())
    if level == ANY_HUB_STAFF:
        return national or any(persona in side_roles.staff for side_roles in ROLES.values())
    if level == THE_LEAD:
        return persona in roles.lead
    if level == NOBODY:
        return False
    raise ValueError(f"No such level: {level!r}")


def may_see(marker: Marker, persona: str) -> bool:
    """Whether `persona` may see a marked piece of text anywhere."""
    if marker.owner is not None and marker.owner == persona:
        return True
    if marker.level == OWNER:
        return False  # someone else's private text, or the person it belongs to isn't asking
    return may(marker.level, persona, marker.side)


GET_OK = frozenset({200})
POST_OK = frozenset({200, 302})


# Refusals: 403 or 404 unless a rule says otherwise.
NOT_FOUND = frozenset({404})


@dataclass(frozen=True)
class Rule:
    level: str
    ok: frozenset[int] | None = None
    # What everyone else gets: by default 403 or 404, and 404 alone for `OWNER`.
    denied: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"No such level: {self.level!r}")


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED: Any = _Unchecked()

Kwargs = Callable[[Side], dict[str, Any]]


@dataclass(frozen=True)
class Case:
    kwargs: Kwargs | None = None
    get: Rule | None = None
    post: Rule | _Unchecked | None = None
    query: str | Callable[[Side], str] = ""
    label: str = ""
    sides: tuple[str, ...] = ()
    # Positional arguments, for patterns with unnamed groups (Wagtail's own).
    args: Callable[[Side], tuple[Any, ...]] | None = None

    def sides_to_request(self) -> tuple[str, ...]:
        if self.sides:
            return self.sides
        return ("A", "B") if self.kwargs is not None else ("A",)


@dataclass(frozen=True)
class Entry:
    cases: tuple[Case, ...] = field(default_factory=tuple)


def case_url(name: str, case: Case, side: Side) -> str:
    """The address of pattern `name` for `case`, with `side`'s objects."""
    if case.args is not None:
        url = reverse(name, args=case.args(side))
    else:
        url = reverse(name, kwargs=case.kwargs(side) if case.kwargs else None)
    query = case.query(side) if callable(case.query) else case.query
    return f"{url}?{query}" if query else url


def entry(*cases: Case) -> Entry:
    return Entry(cases=cases)


def page(level: str, *, post: Rule | _Unchecked | None = None, ok: set[int] | None = None) -> Entry:
    """A pattern without arguments, opened by `level`."""
    return entry(Case(get=Rule(level, frozenset(ok) if ok else None), post=post))


def _ok(*statuses: int) -> frozenset[int]:
    return frozenset(statuses)


# Arguments of the hub staff area's addresses ------------------------------------------------


def _hub(side: Side) -> dict[str, Any]:
    return {"slug": side.hub.slug}


def _hub_slug(side: Side) -> dict[str, Any]:
    return {"hub_slug": side.hub.slug}


def _manage(side: Side) -> dict[str, Any]:
    return {"hub_slug": side.hub.slug, "pk": side.work_group.pk}


def _past_session(side: Side) -> dict[str, Any]:
    return {**_manage(side), "session_pk": side.past_session.pk}


def _future_session(side: Side) -> dict[str, Any]:
    return {**_manage(side), "session_pk": side.future_session.pk}


def _session_reading(side: Side) -> dict[str, Any]:
    return {**_future_session(side), "reading_pk": side.session_reading.pk}


def _gap_task(side: Side) -> dict[str, Any]:
    return {**_past_session(side), "task_pk": side.gap_task.pk}


def _slug(side: Side) -> dict[str, Any]:
    return {"slug": side.work_group.slug}


def _draft_slug(side: Side) -> dict[str, Any]:
    return {"slug": side.draft_work_group.slug}


def _questionnaire(side: Side) -> dict[str, Any]:
    return {"pk": side.questionnaire.pk}


def _item(side: Side) -> dict[str, Any]:
    return {"pk": side.questionnaire.pk, "item_pk": side.item.pk}


def _programme(side: Side) -> dict[str, Any]:
    return {"programme_slug": side.work_group.programme.slug}


def _llme_record(side: Side) -> dict[str, Any]:
    """The side's LLME (who leads its Work Group), by their user id."""
    return {"pk": side.hub_role.user_id}


def _accreditation(side: Side) -> dict[str, Any]:
    return {**_llme_record(side), "accreditation_pk": side.accreditation.pk}


def _hub_application(side: Side) -> dict[str, Any]:
    return {"hub_slug": side.hub.slug, "pk": side.hub_application.pk}


def _pk(attribute: str) -> Kwargs:
    return lambda side: {"pk": getattr(side, attribute).pk}


def _finding(side: Side) -> dict[str, Any]:
    return {"pk": side.published_project.pk, "slug": side.published_project.slug}


def _finding_draft(side: Side) -> dict[str, Any]:
    return {"pk": side.project.pk, "slug": "project"}


def _citation(attribute: str, file_format: str) -> Kwargs:
    return lambda side: {"pk": getattr(side, attribute).pk, "file_format": file_format}


def _cycle(side: Side) -> dict[str, Any]:
    return {"pk": side.project.pk, "cycle_pk": side.cycle.pk}


def _data_table(side: Side) -> dict[str, Any]:
    return {"pk": side.project.pk, "table_pk": side.data_table.pk}


# allauth's own pages: opened with GET only (their forms are allauth's, tested upstream).
# Signed-in people are sent on from the signed-out pages and vice versa, so each answers
# 200 or a redirect.
ALLAUTH = Case(get=Rule(PUBLIC, _ok(200, 302)), post=UNCHECKED)
ALLAUTH_SIGNED_IN = Case(get=Rule(PUBLIC, _ok(200, 302, 404)), post=UNCHECKED)

ALLAUTH_NO_SUCH_KEY = Case(
    kwargs=lambda side: {"pk": 987654},
    get=Rule(PUBLIC, _ok(200, 302, 404)),
    post=UNCHECKED,
    sides=("A",),
)


TABLE: dict[str, Entry] = {
    # The service's own pages.
    "core:healthz": page(PUBLIC, ok={200, 503}),
    "core:help": page(PUBLIC),
    "core:accessibility": page(PUBLIC),
    "core:privacy": page(PUBLIC),
    "core:cookies": page(PUBLIC),
    "core:security_txt": page(PUBLIC),
    # Browsers post reports without a token; an empty one is refused as unreadable.
    "core:csp_report": entry(Case(post=Rule(PUBLIC, _ok(200, 204, 400)))),
    "dashboard:home": page(PUBLIC),
    "dashboard:index": page(SIGNED_IN),
    # Accounts: Hubwork's own pages, then allauth's.
    "accounts:details": page(SIGNED_IN, post=Rule(SIGNED_IN)),
    # Your data: everyone's own; an export downloads for its owner alone (404 for anyone
    # else); the national team's erasure page.
    "accounts:your_data": page(SIGNED_IN),
    "accounts:export_status": page(SIGNED_IN),
    "accounts:export_start": entry(Case(get=None, post=Rule(SIGNED_IN))),
    "accounts:export_download": entry(Case(_pk("data_export"), get=Rule(OWNER))),
    # Sent empty, the form asks for the password.
    "accounts:delete_request": entry(Case(get=None, post=Rule(SIGNED_IN, _ok(400)))),
    "accounts:delete_code_send": entry(Case(get=None, post=Rule(SIGNED_IN))),
    "accounts:delete_cancel": entry(Case(_pk("erasure"), get=None, post=Rule(OWNER))),
    "accounts:erasures": page(NATIONAL, post=Rule(NATIONAL, _ok(200))),
    "accounts:request_sign_in_code": page(PUBLIC, ok={200, 302}, post=Rule(PUBLIC, _ok(200, 302))),
    "account_login": entry(ALLAUTH),
    "account_logout": entry(ALLAUTH),
    "account_inactive": entry(ALLAUTH),
    "account_signup": entry(ALLAUTH),
    "account_reauthenticate": entry(ALLAUTH),
    "account_email": entry(ALLAUTH),
    "account_email_verification_sent": entry(ALLAUTH),
    "account_change_password": entry(ALLAUTH),
    "account_set_password": entry(ALLAUTH),
    "account_reset_password": entry(ALLAUTH),
    "account_confirm_login_code": entry(ALLAUTH),
    "account_reset_password_from_key_done": entry(ALLAUTH),
    "account_reset_password_from_key": entry(
        Case(
            kwargs=lambda side: {"uidb36": "0", "key": "not-a-key"},
            get=Rule(PUBLIC, _ok(200, 302)),
            post=UNCHECKED,
            sides=("A",),
        )
    ),
    "account_reset_password_done": entry(ALLAUTH),
    "account_request_login_code": entry(ALLAUTH),
    "usersessions_list": entry(ALLAUTH_SIGNED_IN),
    "mfa_index": entry(ALLAUTH_SIGNED_IN),
    "mfa_add_webauthn": entry(ALLAUTH_SIGNED_IN),
    "mfa_list_webauthn": entry(ALLAUTH_SIGNED_IN),
    "mfa_login_webauthn": entry(ALLAUTH_SIGNED_IN),
    "mfa_reauthenticate_webauthn": entry(ALLAUTH_SIGNED_IN),
    "mfa_edit_webauthn": entry(ALLAUTH_NO_SUCH_KEY),
    "mfa_remove_webauthn": entry(ALLAUTH_NO_SUCH_KEY),
    "mfa_authenticate": entry(ALLAUTH_SIGNED_IN),
    "mfa_reauthenticate": entry(ALLAUTH_SIGNED_IN),
    "mfa_activate_totp": entry(ALLAUTH_SIGNED_IN),
    "mfa_deactivate_totp": entry(ALLAUTH_SIGNED_IN),
    "mfa_view_recovery_codes": entry(ALLAUTH_SIGNED_IN),
    "mfa_generate_recovery_codes": entry(ALLAUTH_SIGNED_IN),
    "mfa_download_recovery_codes": entry(ALLAUTH_SIGNED_IN),
    # Hubs: the public list and finder, the school search, the staff area's team.
    "hubs:school_search": entry(Case(get=Rule(PUBLIC), query="q=Register")),
    "hubs:list": page(PUBLIC),
    "hubs:find": entry(Case(get=Rule(PUBLIC)), Case(get=Rule(PUBLIC), query="q=Register")),
    "hubs:manage": entry(Case(_hub, get=Rule(HUB_STAFF, _ok(302)))),
    "hubs:team": entry(Case(_hub, get=Rule(HUB_STAFF), post=Rule(HUB_LEAD))),
    "hubs:team_role_end": entry(
        Case(
            lambda side: {"slug": side.hub.slug, "pk": side.hub_role.pk},
            get=Rule(HUB_LEAD),
            post=Rule(HUB_LEAD),
        )
    ),
    # The days a week agreed with an LLME (the hub lead sets them; load checks use them).
    "hubs:team_role_days": entry(
        Case(
            lambda side: {"slug": side.hub.slug, "pk": side.hub_role.pk},
            get=Rule(HUB_LEAD),
            post=Rule(HUB_LEAD),
        )
    ),
    # Work Groups: the public catalogue, pages and calendars.
    "workgroups:catalogue": page(PUBLIC),
    "workgroups:detail": entry(
        Case(_slug, get=Rule(PUBLIC), label="published"),
        Case(_draft_slug, get=Rule(NOBODY), label="draft"),
    ),
    "workgroups:hub_detail": entry(Case(_hub, get=Rule(PUBLIC))),
    "workgroups:hub_schools": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    # Each LLME's sessions this term across their hubs, with clashes.
    "workgroups:llme_load": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "workgroups:calendar": entry(
        Case(_slug, get=Rule(PUBLIC), label="published"),
        Case(_draft_slug, get=Rule(NOBODY), label="draft"),
    ),
    "workgroups:calendar_settings": page(SIGNED_IN, post=Rule(SIGNED_IN, _ok(302))),
    # The secret address is the credential: whoever holds it gets the feed.
    "workgroups:personal_calendar": entry(
        Case(lambda side: {"token": side.calendar_token}, get=Rule(PUBLIC))
    ),
    # The hub staff area's Work Groups.
    "workgroups:manage_list": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "workgroups:manage_create": entry(Case(_hub_slug, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF))),
    "workgroups:manage": entry(Case(_manage, get=Rule(HUB_STAFF))),
    "workgroups:manage_edit": entry(Case(_manage, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF))),
    "workgroups:manage_status": entry(Case(_manage, post=Rule(HUB_STAFF, _ok(302)))),
    "workgroups:manage_copy": entry(Case(_manage, post=Rule(HUB_STAFF, _ok(302)))),
    "workgroups:session_create": entry(Case(_manage, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF))),
    "workgroups:session_rearrange": entry(Case(_future_session, get=Rule(LEAD), post=Rule(LEAD))),
    # Signing up and a participant's own places.
    "workgroups:sign_up": entry(
        Case(_slug, get=Rule(PUBLIC, _ok(200, 302)), post=Rule(PUBLIC, _ok(200, 302)))
    ),
    "workgroups:sign_up_done": entry(Case(_slug, get=Rule(SIGNED_IN, _ok(200, 302)))),
    "workgroups:sign_up_school_check": entry(
        Case(
            _slug,
            get=Rule(PUBLIC),
            query=lambda side: f"urn={side.enrolment.school.urn}",
        )
    ),
    "workgroups:mine": page(SIGNED_IN),
    "workgroups:invitation": entry(Case(_pk("invitation"), get=Rule(OWNER), post=Rule(OWNER))),
    "workgroups:invitation_decline": entry(
        Case(_pk("invitation"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))
    ),
    "workgroups:continuation_invite": entry(Case(_manage, get=Rule(LEAD), post=Rule(LEAD))),
    "workgroups:continuation": entry(Case(_pk("continuation"), get=Rule(OWNER), post=Rule(OWNER))),
    "workgroups:continuation_decline": entry(
        Case(_pk("continuation"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))
    ),
    "workgroups:withdraw": entry(Case(_pk("enrolment"), get=Rule(OWNER), post=Rule(OWNER))),
    "workgroups:accept": entry(Case(_pk("enrolment"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))),
    "workgroups:decline": entry(
        Case(_pk("enrolment"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))
    ),
    # A Work Group's participants, registers and completion: its leads and hub staff.
    "workgroups:participants": entry(Case(_manage, get=Rule(LEAD))),
    "workgroups:participants_export": entry(Case(_manage, get=Rule(LEAD))),
    "workgroups:participants_message": entry(Case(_manage, get=Rule(LEAD), post=Rule(LEAD))),
    "workgroups:participant_move": entry(
        Case(
            lambda side: {**_manage(side), "enrolment_pk": side.colleague_enrolment.pk},
            get=Rule(LEAD),
            post=Rule(LEAD),
        )
    ),
    "workgroups:session_register": entry(Case(_past_session, get=Rule(LEAD), post=Rule(LEAD))),
    "workgroups:attendance": entry(Case(_manage, get=Rule(LEAD))),
    "workgroups:completion": entry(Case(_manage, get=Rule(LEAD), post=Rule(LEAD))),
    "workgroups:completion_change": entry(
        Case(
            lambda side: {**_manage(side), "enrolment_pk": side.enrolment.pk},
            get=Rule(LEAD),
            post=Rule(LEAD),
        )
    ),
    "workgroups:apologies": entry(
        Case(
            lambda side: {
                "enrolment_pk": side.enrolment.pk,
                "session_pk": side.future_session.pk,
            },
            get=Rule(OWNER),
            post=Rule(OWNER),
        )
    ),
    # Session plans, gap tasks and "What we tried": leads and hub staff.
    "practice:plans": entry(Case(_manage, get=Rule(LEAD))),
    "practice:plan": entry(
        Case(_future_session, get=Rule(LEAD), post=Rule(LEAD, _ok(200, 302, 400)))
    ),
    "practice:plan_check": entry(Case(_future_session, post=Rule(LEAD))),
    "practice:plan_print": entry(Case(_future_session, get=Rule(LEAD))),
    "practice:plan_copy": entry(Case(_future_session, post=Rule(LEAD, _ok(200, 302, 409)))),
    "practice:gap_tasks": entry(Case(_past_session, get=Rule(LEAD), post=Rule(LEAD))),
    "practice:gap_task_edit": entry(Case(_gap_task, get=Rule(LEAD), post=Rule(LEAD))),
    "practice:gap_task_delete": entry(Case(_gap_task, get=Rule(LEAD), post=Rule(LEAD))),
    "practice:what_we_tried": entry(Case(_future_session, get=Rule(LEAD))),
    "practice:what_we_tried_print": entry(Case(_future_session, get=Rule(LEAD))),
    # A participant's own practice.
    "practice:mine": page(SIGNED_IN),
    "practice:trial_create": page(SIGNED_IN, post=Rule(SIGNED_IN)),
    "practice:trial_edit": entry(Case(_pk("draft_trial"), get=Rule(OWNER), post=Rule(OWNER))),
    "practice:trial_share": entry(Case(_pk("draft_trial"), post=Rule(OWNER, _ok(302)))),
    "practice:trial_delete": entry(Case(_pk("draft_trial"), get=Rule(OWNER), post=Rule(OWNER))),
    "practice:evidence_upload": entry(Case(_pk("draft_trial"), post=Rule(OWNER))),
    "practice:evidence_delete": entry(
        Case(
            lambda side: {"pk": side.draft_trial.pk, "evidence_pk": side.draft_evidence.pk},
            post=Rule(OWNER, _ok(302)),
        )
    ),
    # Trials, evidence and outputs that someone may not see are "not found" whatever the
    # reason, so their numbered addresses never tell a shared one from a draft.
    "practice:trial_detail": entry(
        Case(_pk("shared_trial"), get=Rule(MEMBER, denied=NOT_FOUND), label="shared"),
        Case(_pk("draft_trial"), get=Rule(OWNER), label="draft"),
    ),
    "practice:reflection_list": page(SIGNED_IN, post=Rule(SIGNED_IN)),
    "practice:reflection_edit": entry(Case(_pk("reflection"), get=Rule(OWNER), post=Rule(OWNER))),
    "practice:reflection_delete": entry(Case(_pk("reflection"), get=Rule(OWNER), post=Rule(OWNER))),
    "practice:my_outputs": page(SIGNED_IN),
    "practice:output_create": page(SIGNED_IN, post=Rule(SIGNED_IN)),
    "practice:output_edit": entry(Case(_pk("private_output"), get=Rule(OWNER), post=Rule(OWNER))),
    "practice:output_delete": entry(Case(_pk("private_output"), get=Rule(OWNER), post=Rule(OWNER))),
    "practice:output_library": page(SIGNED_IN),
    "practice:output_detail": entry(
        Case(_pk("private_output"), get=Rule(OWNER), label="private"),
        Case(_pk("group_output"), get=Rule(MEMBER, denied=NOT_FOUND), label="group"),
        # Everyone taking part in or leading one of the hub's Work Groups, and its staff.
        Case(_pk("hub_output"), get=Rule(MEMBER, denied=NOT_FOUND), label="hub"),
        Case(_pk("national_output"), get=Rule(SIGNED_IN, denied=NOT_FOUND), label="national"),
    ),
    # Files, only through a permission check.
    "practice:evidence_download": entry(
        Case(_pk("shared_evidence"), get=Rule(MEMBER, denied=NOT_FOUND), label="shared"),
        Case(_pk("draft_evidence"), get=Rule(OWNER), label="draft"),
    ),
    "practice:evidence_preview": entry(
        Case(_pk("shared_evidence"), get=Rule(MEMBER, denied=NOT_FOUND), label="shared"),
        Case(_pk("draft_evidence"), get=Rule(OWNER), label="draft"),
    ),
    "practice:output_download": entry(
        Case(_pk("private_output"), get=Rule(OWNER), label="private"),
        Case(_pk("group_output"), get=Rule(MEMBER, denied=NOT_FOUND), label="group"),
    ),
    # The group space: members, leads and hub staff.
    "practice:group_space": entry(Case(_slug, get=Rule(MEMBER))),
    "practice:group_discussion": entry(Case(_slug, get=Rule(MEMBER), post=Rule(MEMBER))),
    # A colleague's post: its author, the leads and hub staff may remove it; other members not.
    "practice:group_post_remove": entry(
        Case(
            lambda side: {**_slug(side), "post_pk": side.post.pk},
            post=Rule(LEAD, _ok(302)),
        )
    ),
    "practice:group_contact_sharing": entry(Case(_slug, post=Rule(MEMBER, _ok(302)))),
    # Evaluation: the questionnaires are the national team's (both sides share one).
    "evaluation:questionnaires": page(NATIONAL),
    "evaluation:questionnaire_create": page(NATIONAL, post=Rule(NATIONAL, _ok(200))),
    "evaluation:questionnaire": entry(Case(_questionnaire, get=Rule(NATIONAL), sides=("A",))),
    "evaluation:questionnaire_edit": entry(
        Case(_questionnaire, get=Rule(NATIONAL), post=Rule(NATIONAL, _ok(200)), sides=("A",))
    ),
    "evaluation:item_create": entry(
        Case(_questionnaire, get=Rule(NATIONAL), post=Rule(NATIONAL, _ok(200)), sides=("A",))
    ),
    "evaluation:item_edit": entry(
        Case(_item, get=Rule(NATIONAL), post=Rule(NATIONAL, _ok(200)), sides=("A",))
    ),
    "evaluation:item_delete": entry(
        Case(_item, get=Rule(NATIONAL), post=Rule(NATIONAL, _ok(302)), sides=("A",))
    ),
    # A participant's own forms (anyone else's are "not found"); a school leader's, through
    # the link in their email, which is the credential.
    "evaluation:my_forms": page(SIGNED_IN),
    "evaluation:form_pre": entry(Case(_slug, get=Rule(OWNER), post=Rule(OWNER, _ok(200)))),
    "evaluation:form_post": entry(Case(_slug, get=Rule(OWNER), post=Rule(OWNER, _ok(200)))),
    "evaluation:form_session": entry(
        Case(
            lambda side: {**_slug(side), "number": side.past_session.number},
            get=Rule(OWNER),
            post=Rule(OWNER, _ok(200)),
        )
    ),
    "evaluation:form_school_leader": entry(
        Case(
            lambda side: {"token": side.leader_token},
            get=Rule(PUBLIC),
            post=Rule(PUBLIC, _ok(200)),
        )
    ),
    # A Work Group's response rates, anonymous feedback and report: its leads and hub staff;
    # hub staff accept or return the report.
    "evaluation:overview": entry(Case(_manage, get=Rule(LEAD))),
    "evaluation:nudge": entry(Case(_manage, post=Rule(LEAD, _ok(302)))),
    "evaluation:session_feedback": entry(Case(_past_session, get=Rule(LEAD))),
    "evaluation:report": entry(Case(_manage, get=Rule(LEAD))),
    "evaluation:report_edit": entry(Case(_manage, get=Rule(LEAD), post=Rule(LEAD))),
    "evaluation:report_submit": entry(Case(_manage, post=Rule(LEAD, _ok(302)))),
    "evaluation:report_decide": entry(Case(_manage, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF))),
    "evaluation:report_print": entry(Case(_manage, get=Rule(LEAD))),
    # Roll-ups: a hub's for its staff; every programme nationally for the national team.
    "evaluation:hub_rollup": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "evaluation:hub_rollup_csv": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "evaluation:national_rollup": page(NATIONAL),
    "evaluation:national_programme": entry(Case(_programme, get=Rule(NATIONAL))),
    "evaluation:national_programme_csv": entry(Case(_programme, get=Rule(NATIONAL))),
    # The hub's reach report and its downloads: the hub's staff (and national admins).
    "reports:hub": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "reports:hub_export": entry(
        Case(
            lambda side: {"hub_slug": side.hub.slug, "table": "reach", "file_format": "xlsx"},
            get=Rule(HUB_STAFF),
        )
    ),
    # The hub's outreach list and equity, with their downloads: the hub's staff (and national
    # admins).
    "reports:never_engaged": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "reports:never_engaged_export": entry(
        Case(lambda side: {"hub_slug": side.hub.slug, "file_format": "xlsx"}, get=Rule(HUB_STAFF))
    ),
    "reports:equity": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "reports:equity_export": entry(
        Case(
            lambda side: {
                "hub_slug": side.hub.slug,
                "table": "fsm-quintiles",
                "file_format": "csv",
            },
            get=Rule(HUB_STAFF),
        )
    ),
    # The national picture, ten years and programmes across hubs, with their downloads: the
    # national team's alone.
    "reports:national": page(NATIONAL),
    "reports:national_trend": page(NATIONAL),
    "reports:national_programmes": page(NATIONAL),
    "reports:national_export": entry(
        Case(
            lambda side: {"table": "hubs", "file_format": "xlsx"},
            get=Rule(NATIONAL),
            sides=("A",),
            label="hubs",
        ),
        Case(
            lambda side: {"table": "trend", "file_format": "csv"},
            get=Rule(NATIONAL),
            sides=("A",),
            label="trend",
        ),
    ),
    # Large exports: the national team's own; the file, for the admin who asked alone.
    "reports:exports": page(NATIONAL, post=Rule(NATIONAL, _ok(400))),
    "reports:export_download": entry(
        Case(_pk("report_export"), get=Rule(NATIONAL), post=None, sides=("A",))
    ),
    # The research library: anyone signed in reads and exports it; each list's curators (a
    # hub's staff and LLMEs for its list, national admins for every list) add, import,
    # change and remove. `?list=` names the list to add to.
    "research:library": page(SIGNED_IN),
    "research:export": entry(
        Case(lambda side: {"file_format": "bib"}, get=Rule(SIGNED_IN), sides=("A",), label="bib"),
        Case(lambda side: {"file_format": "ris"}, get=Rule(SIGNED_IN), sides=("A",), label="ris"),
    ),
    "research:reading": entry(Case(_pk("reading"), get=Rule(SIGNED_IN))),
    "research:reading_create": entry(
        Case(
            get=Rule(LEAD),
            post=Rule(LEAD, _ok(200)),
            query=lambda side: f"list={side.hub.slug}",
            sides=("A", "B"),
        )
    ),
    "research:import": entry(
        Case(
            get=Rule(LEAD),
            post=Rule(LEAD, _ok(200)),
            query=lambda side: f"list={side.hub.slug}",
            sides=("A", "B"),
        )
    ),
    "research:reading_edit": entry(Case(_pk("reading"), get=Rule(LEAD), post=Rule(LEAD, _ok(200)))),
    "research:reading_delete": entry(
        Case(_pk("reading"), get=Rule(LEAD), post=Rule(LEAD, _ok(409)))
    ),
    # Readings set for a session: its leads and hub staff set and manage them and see who has
    # read what; its members (the side's owner is its one member) keep their own progress,
    # and everyone in the group reads the readings and shared responses beside the group space.
    "research:session_readings": entry(Case(_future_session, get=Rule(LEAD), post=Rule(LEAD))),
    "research:session_readings_progress": entry(Case(_future_session, get=Rule(LEAD))),
    "research:session_reading_edit": entry(Case(_session_reading, get=Rule(LEAD), post=Rule(LEAD))),
    "research:session_reading_delete": entry(
        Case(_session_reading, get=Rule(LEAD), post=Rule(LEAD, _ok(302)))
    ),
    "research:session_reading_move": entry(Case(_session_reading, post=Rule(LEAD, _ok(302)))),
    "research:session_reading_add_to_plan": entry(
        Case(_session_reading, post=Rule(LEAD, _ok(302)))
    ),
    "research:my_reading": entry(
        Case(_pk("session_reading"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))
    ),
    "research:my_reading_done": entry(Case(_pk("session_reading"), post=Rule(OWNER, _ok(302)))),
    "research:group_readings": entry(Case(_slug, get=Rule(MEMBER))),
    # A project's write-up: its members read it, its leads (and the hub's staff) change it;
    # unpublished, it does not exist for anyone else (404). Sent empty, the form is refused
    # for want of the version (200 with errors). Side.project is in planning, so submitting
    # is refused (409) and so is any review decision; the hub's staff and national admins
    # open the review page.
    "research:writeup": entry(Case(_pk("project"), get=Rule(MEMBER), post=Rule(LEAD, _ok(200)))),
    "research:writeup_history": entry(Case(_pk("project"), get=Rule(LEAD))),
    "research:writeup_version": entry(
        Case(
            lambda side: {"pk": side.project.pk, "number": 1},
            get=Rule(LEAD),
            post=Rule(LEAD, _ok(400)),
        )
    ),
    "research:project_submit": entry(Case(_pk("project"), get=None, post=Rule(LEAD, _ok(409)))),
    "research:project_review": entry(
        Case(_pk("project"), get=Rule(HUB_STAFF), post=Rule(HUB_STAFF, _ok(409)))
    ),
    "research:hub_reviews": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "research:national_reviews": page(NATIONAL),
    # A project's tables of aggregate data: its members read them and download them; its
    # leads (and the hub's staff) upload, type, change and remove them. An empty form is
    # shown again (200); removing answers with a redirect.
    "research:data_tables": entry(Case(_pk("project"), get=Rule(MEMBER))),
    "research:data_upload": entry(Case(_pk("project"), get=Rule(LEAD), post=Rule(LEAD, _ok(200)))),
    "research:data_table_create": entry(
        Case(_pk("project"), get=Rule(LEAD), post=Rule(LEAD, _ok(200)))
    ),
    "research:data_table": entry(Case(_data_table, get=Rule(MEMBER))),
    "research:data_table_edit": entry(Case(_data_table, get=Rule(LEAD), post=Rule(LEAD, _ok(200)))),
    "research:data_table_delete": entry(
        Case(_data_table, get=Rule(LEAD), post=Rule(LEAD, _ok(302)))
    ),
    "research:data_table_csv": entry(Case(_data_table, get=Rule(MEMBER))),
    # RIWG research projects: everyone's own list; a project's page for its members (and
    # leads, hub staff, national admins), a 404 for anyone else while unpublished; its leads
    # (and the hub's staff) change its details, readings, schools' consent and status. Sent
    # empty, the edit form is shown again with errors (200); the other forms go back to the
    # project (302). Side.project is on side.work_group, which has it already: the Work
    # Group's research project address sends its members there.
    "research:projects": page(SIGNED_IN),
    "research:project": entry(Case(_pk("project"), get=Rule(MEMBER))),
    "research:project_edit": entry(Case(_pk("project"), get=Rule(LEAD), post=Rule(LEAD, _ok(200)))),
    "research:project_status": entry(Case(_pk("project"), get=None, post=Rule(LEAD, _ok(302)))),
    "research:project_reading_add": entry(
        Case(_pk("project"), get=None, post=Rule(LEAD, _ok(302)))
    ),
    "research:project_reading_remove": entry(
        Case(_pk("project"), get=None, post=Rule(LEAD, _ok(302)))
    ),
    "research:project_school_consent": entry(
        Case(_pk("project"), get=None, post=Rule(LEAD, _ok(302)))
    ),
    "research:work_group_project": entry(
        Case(_slug, get=Rule(MEMBER, _ok(302)), post=Rule(MEMBER, _ok(302)))
    ),
    "research:hub_projects": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "research:national_projects": page(NATIONAL),
    # Enquiry cycles: any member records one (an empty form comes back with errors); only
    # its author changes or deletes it, and to anyone else it does not exist (404).
    "research:cycle_create": entry(
        Case(_pk("project"), get=Rule(MEMBER), post=Rule(MEMBER, _ok(200)))
    ),
    "research:cycle_edit": entry(Case(_cycle, get=Rule(OWNER), post=Rule(OWNER, _ok(200)))),
    "research:cycle_delete": entry(Case(_cycle, get=Rule(OWNER), post=Rule(OWNER, _ok(302)))),
    # Published findings: anyone, signed in or not; an unpublished project is not found at
    # any finding address. Other addresses of a finding send on (301) to its stable one.
    "research:findings": entry(Case(get=Rule(PUBLIC), post=None)),
    "research:findings_feed": entry(Case(get=Rule(PUBLIC), post=None)),
    "research:finding": entry(
        Case(_finding, get=Rule(PUBLIC), post=None, label="published"),
        Case(_finding_draft, get=Rule(NOBODY), post=None, label="unpublished"),
    ),
    "research:finding_redirect": entry(
        Case(_pk("published_project"), get=Rule(PUBLIC, _ok(301)), post=None, label="published"),
        Case(_pk("project"), get=Rule(NOBODY), post=None, label="unpublished"),
    ),
    "research:finding_citation": entry(
        Case(_citation("published_project", "bib"), get=Rule(PUBLIC), post=None, label="bib"),
        Case(_citation("published_project", "ris"), get=Rule(PUBLIC), post=None, label="ris"),
        Case(_citation("project", "bib"), get=Rule(NOBODY), post=None, label="unpublished"),
    ),
    # Registered interest (content): the form and its answer are public (an empty POST shows
    # the form's errors); the emailed links answer anyone (a bad token shows "this link no
    # longer works"); a person's own list is theirs, and withdrawing sent empty goes back
    # to it.
    "content:interest_register": page(PUBLIC, post=Rule(PUBLIC)),
    "content:interest_sent": page(PUBLIC),
    "content:interest_confirm": entry(
        Case(lambda side: {"token": "not-a-token"}, get=Rule(PUBLIC), post=Rule(PUBLIC))
    ),
    "content:interest_stop": entry(
        Case(lambda side: {"token": "not-a-token"}, get=Rule(PUBLIC), post=Rule(PUBLIC))
    ),
    "content:interest_mine": page(SIGNED_IN),
    "content:interest_withdraw": entry(Case(get=None, post=Rule(SIGNED_IN, _ok(302)))),
    # Newsletter subscriptions (content): the sign-up form and its answer are public (an
    # empty POST shows the form's errors); the emailed links answer anyone (a forged token
    # shows "this link does not work"); the account's Newsletters page is each person's own
    # (sent empty, it saves "none" and goes back to itself).
    "content:newsletter_subscribe": page(PUBLIC, post=Rule(PUBLIC, _ok(200))),
    "content:newsletter_check_email": entry(Case(get=Rule(PUBLIC), post=None)),
    "content:newsletter_confirm": entry(
        Case(lambda side: {"token": "not-a-token"}, get=Rule(PUBLIC), post=Rule(PUBLIC, _ok(200)))
    ),
    "content:newsletter_preferences": entry(
        Case(lambda side: {"token": "not-a-token"}, get=Rule(PUBLIC), post=Rule(PUBLIC, _ok(200)))
    ),
    "content:newsletter_unsubscribe": entry(
        Case(lambda side: {"token": "not-a-token"}, get=Rule(PUBLIC), post=Rule(PUBLIC, _ok(200)))
    ),
    "content:newsletter_account": page(SIGNED_IN, post=Rule(SIGNED_IN, _ok(302))),
    # The mail provider's webhook (bounces, complaints): POST only, and refused (400) without
    # its secret in HTTP basic auth, whoever is signed in.
    "content:newsletter_webhook_tracking": entry(Case(get=None, post=Rule(PUBLIC, _ok(400)))),
    # The public site's pages (content): the listing, its feed and /news/ (sent on to the
    # listing), site search and Wagtail's front-end sign-in (sent on to Hubwork's) are for
    # anyone; the page for giving content roles is the national team's (an empty POST shows
    # the form's errors).
    "content:articles": page(PUBLIC),
    "content:feed": page(PUBLIC),
    "content:news": page(PUBLIC, ok={302}),
    "content:search": entry(Case(get=Rule(PUBLIC)), Case(get=Rule(PUBLIC), query="q=maths")),
    "content:frontend_login": page(PUBLIC, ok={302}),
    "content:roles": page(NATIONAL, post=Rule(NATIONAL, _ok(200))),
    # Page feedback (content): anyone answers (sent empty, with no signed page address: 400);
    # the editors' reports are for content editors, reviewers and national admins (the world
    # has no content roles, so national admins alone here); a page nobody answered about is
    # not found, and the world has no answers.
    "content:feedback_answer": entry(Case(get=None, post=Rule(PUBLIC, _ok(400)))),
    "content:feedback_report": page(NATIONAL),
    "content:feedback_report_page": entry(
        Case(
            get=Rule(NATIONAL, _ok(404), denied=frozenset({403})),
            post=None,
            query="path=/work-groups/",
        )
    ),
    "content:feedback_export": page(NATIONAL),
    # LLME applications (leaders): anyone reads how to apply, people signed in apply (an
    # empty form is shown again); an applicant's own page, and their own application's
    # buttons (anyone else's: not found); the school leader's signed link, for whoever holds
    # it; each hub's pipeline for its staff (and national admins).
    "leaders:apply": entry(Case(get=Rule(PUBLIC), post=Rule(SIGNED_IN, _ok(200)))),
    "leaders:my_applications": page(SIGNED_IN),
    "leaders:application_ask_again": entry(
        Case(
            lambda side: {"pk": side.hub_application.application_id},
            get=None,
            post=Rule(OWNER, _ok(302)),
        )
    ),
    "leaders:hub_application_withdraw": entry(
        Case(_pk("hub_application"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))
    ),
    "leaders:hub_application_accept": entry(
        Case(_pk("hub_application"), get=None, post=Rule(OWNER, _ok(302)))
    ),
    "leaders:school_leader_confirm": entry(
        Case(
            lambda side: {"token": side.application_leader_token},
            get=Rule(PUBLIC),
            post=Rule(PUBLIC, _ok(302)),
        )
    ),
    "leaders:hub_applications": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "leaders:hub_application": entry(Case(_hub_application, get=Rule(HUB_STAFF))),
    "leaders:hub_application_step": entry(
        Case(_hub_application, get=None, post=Rule(HUB_STAFF, _ok(200)))
    ),
    "leaders:hub_application_interview": entry(
        Case(_hub_application, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF, _ok(200)))
    ),
    "leaders:hub_application_note": entry(
        Case(_hub_application, get=None, post=Rule(HUB_STAFF, _ok(200)))
    ),
    # The PD Lead pathway and LLME records (leaders): the hub's PD Lead cohort page, for its
    # staff; an LLME's record, for them, the staff of the hubs they lead for and national
    # admins (anyone else: not found); changes to it, for the hub lead of one of those hubs.
    "leaders:pd_lead_cohort": entry(Case(_hub, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF))),
    "leaders:llme_record": entry(Case(_llme_record, get=Rule(LEAD, denied=NOT_FOUND), post=None)),
    "leaders:llme_role_edit": entry(
        Case(
            lambda side: {**_llme_record(side), "role_pk": side.hub_role.pk},
            get=Rule(HUB_LEAD),
            post=Rule(HUB_LEAD),
        )
    ),
    "leaders:accreditation_add": entry(Case(_llme_record, get=Rule(HUB_LEAD), post=Rule(HUB_LEAD))),
    "leaders:accreditation_edit": entry(
        Case(_accreditation, get=Rule(HUB_LEAD), post=Rule(HUB_LEAD))
    ),
    "leaders:accreditation_remove": entry(
        Case(_accreditation, get=Rule(HUB_LEAD), post=Rule(HUB_LEAD))
    ),
    # Wagtail's own patterns outside its editor: the sitemap; a page of the tree (the
    # world has only the frame, whose listing is content:articles above, so an address with
    # no page: not found), and the password and document addresses, which find nothing here
    # (no page or document is behind a password or uploaded in the world).
    # hubwork/content/tests/test_pages.py serves real pages of every type.
    "wagtail_serve": entry(
        Case(
            args=lambda side: ("no-such-page/",),
            get=Rule(NOBODY, denied=NOT_FOUND),
            post=Rule(NOBODY, denied=NOT_FOUND),
        )
    ),
    "sitemap": entry(Case(get=Rule(PUBLIC), post=Rule(PUBLIC, _ok(200)))),
    "wagtailcore_login": page(PUBLIC, ok={302}),
    "wagtailcore_authenticate_with_password": entry(
        Case(
            lambda side: {"page_view_restriction_id": 999999, "page_id": 999999},
            get=Rule(NOBODY, denied=NOT_FOUND),
            post=Rule(NOBODY, denied=NOT_FOUND),
            sides=("A",),
        )
    ),
    "wagtaildocs_serve": entry(
        Case(
            args=lambda side: (999999, "missing.pdf"),
            get=Rule(NOBODY, denied=NOT_FOUND),
            post=Rule(NOBODY, denied=NOT_FOUND),
        )
    ),
    "wagtaildocs_authenticate_with_password": entry(
        Case(
            lambda side: {"restriction_id": 999999},
            get=Rule(NOBODY, denied=NOT_FOUND),
            post=Rule(NOBODY, denied=NOT_FOUND),
            sides=("A",),
        )
    ),
    # LLME development (leaders): an LLME's own log (theirs alone: an entry is 404 to anyone
    # else) and profile; the directory for any hub's staff; co-leads' notes for a Work Group's
    # leads and hub staff; pairings and visits in the hub staff area; a visit's page for the
    # LLME visited (who replies) and the hub's staff, 404 to everyone else.
    "leaders:development": page(LLMES),
    "leaders:development_entry_create": page(LLMES, post=Rule(LLMES, _ok(200))),
    "leaders:development_entry_edit": entry(
        Case(_pk("development_entry"), get=Rule(OWNER), post=Rule(OWNER, _ok(200)))
    ),
    "leaders:development_entry_delete": entry(
        Case(_pk("development_entry"), get=Rule(OWNER), post=Rule(OWNER, _ok(302)))
    ),
    "leaders:profile": page(LLMES, post=Rule(LLMES, _ok(302))),
    "leaders:directory": page(ANY_HUB_STAFF),
    "leaders:lead_notes": entry(Case(_manage, get=Rule(LEAD), post=Rule(LEAD, _ok(200)))),
    "leaders:quality_visit": entry(
        Case(_pk("quality_visit"), get=Rule(LEAD), post=Rule(THE_LEAD, _ok(200)))
    ),
    "leaders:hub_development": entry(Case(_hub_slug, get=Rule(HUB_STAFF))),
    "leaders:pairing_create": entry(
        Case(_hub_slug, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF, _ok(200)))
    ),
    "leaders:pairing_end": entry(
        Case(
            lambda side: {"hub_slug": side.hub.slug, "pk": side.pairing.pk},
            get=Rule(HUB_STAFF),
            post=Rule(HUB_STAFF, _ok(200)),
        )
    ),
    "leaders:quality_visit_create": entry(
        Case(_hub_slug, get=Rule(HUB_STAFF), post=Rule(HUB_STAFF, _ok(200)))
    ),
}

# Patterns left out of the table, and why: the Django admin is for national admins alone,
# behind is_staff; `test_urls.test_the_admin_is_for_national_admins_alone` requests every
# registered model's list as each persona instead of each of its ~100 patterns.
EXCLUDED_NAMESPACES = frozenset({"admin"})
# Wagtail's editor is for content editors and reviewers (and national admins) alone;
# hubwork/content/tests request it as each persona instead of each of its ~200 patterns.
EXCLUDED_ROUTES = ("cms/",)
