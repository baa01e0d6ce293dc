"""A Work Group's evaluation report: its leads write and submit it, its hub's staff accept it
or return it with comments.

    draft ──submit (a lead)──▶ submitted ──accept (hub staff)──▶ accepted (locked)
      ▲                           │
      └──── returned ◀──return with comments (hub staff)

Leads and hub staff edit it while it is a draft or returned; nobody edits it once submitted
(until it comes back) or accepted. Accepting keeps the figures as they stood (`snapshot`), so
the accepted report shows what was accepted however many answers come in later.

Saves are checked against the version the editor opened: a save from a page opened before
someone else's save is refused with `ReportConflict` and writes nothing, so the page can show
the typed text back. Every change is in the audit log, and the other side hears by email.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hubwork.accounts.models import HUB_STAFF_ROLES, User
from hubwork.core.audit import audit
from hubwork.core.models import AuditEvent
from hubwork.core.outbox import enqueue
from hubwork.core.tasks import send_email
from hubwork.core.times import date_and_time
from hubwork.evaluation.models import EvaluationReport, OutcomeNarrative
from hubwork.evaluation.selectors.report import report_figures
from hubwork.hubs.models import HubRole
from hubwork.hubs.permissions import can_manage_hub
from hubwork.workgroups.models import WorkGroup

MAX_SUMMARY_LENGTH = 10_000
MAX_NARRATIVE_LENGTH = 6000
MAX_COMMENTS_LENGTH = 6000

SAVED = "evaluation_report.saved"


class ReportConflict(ValidationError):
    """Someone saved (or submitted, or decided) the report after this edit began: nothing was
    written. `report` is the report as it now stands."""

    def __init__(self, report: EvaluationReport, by: User | None) -> None:
        self.report = report
        who = by.display_name if by else "Someone else"
        super().__init__(
            f"{who} changed this report at {date_and_time(report.updated_at)}, after you "
            "opened it.",
            code="stale",
        )


def is_lead(user: User, work_group: WorkGroup) -> bool:
    """One of the Work Group's own leads (hub staff are not, unless they lead it too)."""
    return work_group.leads.filter(pk=user.pk).exists()


def _lock(report: EvaluationReport) -> EvaluationReport:
    """The report's row, locked, with its Work Group (and so hub and programme) as given."""
    locked = EvaluationReport.objects.select_for_update().get(pk=report.pk)
    locked.work_group = report.work_group
    return locked


def _last_editor(report: EvaluationReport) -> User | None:
    """Who last changed the report, from the audit log (the report keeps no such field)."""
    event = (
        AuditEvent.objects.filter(
            object_type=EvaluationReport._meta.label_lower, object_id=str(report.pk)
        )
        .select_related("actor")
        .order_by("-pk")
        .first()
    )
    return event.actor if event else None


def _validate_text(
    *, report: EvaluationReport, summary: str, narratives: Mapping[int, str]
) -> dict[int, str]:
    """The narratives keyed by outcome, checked: each for one of the programme's intended
    outcomes, none too long."""
    errors: dict[str, str] = {}
    if len(summary) > MAX_SUMMARY_LENGTH:
        errors["summary"] = f"The summary must be {MAX_SUMMARY_LENGTH:,} characters or fewer."
    outcomes = set(
        report.work_group.programme.outcomes.values_list("pk", flat=True)
        if report.work_group.programme_id
        else []
    )
    cleaned: dict[int, str] = {}
    for outcome_id, text in narratives.items():
        if outcome_id not in outcomes:
            errors["narratives"] = "Write only about the programme's intended outcomes."
            continue
        if len(text) > MAX_NARRATIVE_LENGTH:
            errors[f"outcome_{outcome_id}"] = (
                f"This must be {MAX_NARRATIVE_LENGTH:,} characters or fewer."
            )
        cleaned[outcome_id] = text.strip()
    if errors:
        raise ValidationError(errors)
    return cleaned


def report_save(
    *,
    report: EvaluationReport,
    by: User,
    summary: str,
    narratives: Mapping[int, str],
    version: int,
) -> EvaluationReport:
    """Save the overall summary and the words on each intended outcome (keyed by outcome id;
    outcomes not given keep what they had). The first save makes the report's row.

    `version` is the report's version when the editor opened it (0 before it has a row): if
    anyone has changed the report since, nothing is written and `ReportConflict` says who
    and when. A submitted or accepted report cannot be changed.
    """
    summary = summary.strip()
    cleaned = _validate_text(report=report, summary=summary, narratives=narratives)
    work_group = report.work_group
    with transaction.atomic():
        # The Work Group's row is the lock: it exists before the report does, so two leads
        # saving the first version at once queue on it as they do on a report that exists.
        WorkGroup.objects.select_for_update().get(pk=work_group.pk)
        current = EvaluationReport.objects.filter(work_group=work_group).first()
        if current is None:
            if version != 0:
                raise ValidationError("This report has changed since you opened it. Open it again.")
            current = EvaluationReport.objects.create(work_group=work_group)
            created = True
        else:
            created = False
            if current.version != version:
                raise ReportConflict(current, _last_editor(current))
        current.work_group = work_group
        if not current.is_editable:
            raise ValidationError(
                f"This report is {current.get_status_display().lower()}, so it cannot be "
                "changed now."
            )
        existing = {
            narrative.outcome_id: narrative
            for narrative in OutcomeNarrative.objects.filter(report=current)
        }
        changed_outcomes = []
        for outcome_id, text in cleaned.items():
            narrative = existing.get(outcome_id)
            if narrative is None:
                if text:
                    OutcomeNarrative.objects.create(
                        report=current, outcome_id=outcome_id, text=text
                    )
                    changed_outcomes.append(outcome_id)
            elif narrative.text != text:
                narrative.text = text
                narrative.save(update_fields=["text"])
                changed_outcomes.append(outcome_id)
        summary_changed = current.summary != summary
        current.summary = summary
        current.version += 1
        current.save(update_fields=["summary", "version", "updated_at"])
        # What changed, never the words themselves.
        audit(
            by,
            SAVED,
            current,
            hub=work_group.hub_id,
            work_group=work_group.pk,
            version=current.version,
            created=created,
            summary_changed=summary_changed,
            outcomes_changed=sorted(changed_outcomes),
        )
    report.pk = current.pk
    return current


def _report_url(report: EvaluationReport) -> str:
    work_group = report.work_group
    return settings.SITE_URL + reverse(
        "evaluation:report", kwargs={"hub_slug": work_group.hub.slug, "pk": work_group.pk}
    )


def _email(
    people: list[User],
    *,
    report: EvaluationReport,
    by: User,
    subject: str,
    template: str,
    fallback: str = "",
) -> None:
    """One email each, once the change is saved; to `fallback` (an address) if nobody."""
    recipients: list[tuple[str, User | None]] = [(person.email, person) for person in people]
    if not recipients and fallback:
        recipients = [(fallback, None)]
    for address, person in recipients:
        text_body = render_to_string(
            template,
            {
                "person": person,
                "report": report,
                "work_group": report.work_group,
                "by": by,
                "url": _report_url(report),
            },
        )
        enqueue(send_email, to=[address], subject=subject, text_body=text_body)


def hub_staff(work_group: WorkGroup) -> list[User]:
    """The hub lead and assistant hub leads of the Work Group's hub, who decide its report."""
    return list(
        User.objects.filter(
            pk__in=HubRole.objects.current()
            .filter(hub_id=work_group.hub_id, role__in=HUB_STAFF_ROLES)
            .values("user_id"),
            is_active=True,
        ).order_by("email")
    )


def report_leads(work_group: WorkGroup) -> list[User]:
    return list(work_group.leads.filter(is_active=True).order_by("email"))


def report_submit(*, report: EvaluationReport, by: User) -> EvaluationReport:
    """A lead sends the report (a draft, or returned) to hub staff to accept. Only the Work
    Group's own leads submit it: hub staff decide it, and do not also send it to themselves.
    It needs its overall summary."""
    work_group = report.work_group
    if not is_lead(by, work_group):
        raise ValidationError("Only the Work Group's leads can submit its report.")
    if report.pk is None:
        raise ValidationError({"summary": "Write the overall summary before you submit."})
    with transaction.atomic():
        report = _lock(report)
        if not report.is_editable:
            raise ValidationError(
                f"This report is {report.get_status_display().lower()}, so it cannot be submitted."
            )
        if not report.summary.strip():
            raise ValidationError({"summary": "Write the overall summary before you submit."})
        previous = report.status
        report.status = EvaluationReport.Status.SUBMITTED
        report.submitted_by = by
        report.submitted_at = timezone.now()
        report.version += 1
        report.save(
            update_fields=["status", "submitted_by", "submitted_at", "version", "updated_at"]
        )
        audit(
            by,
            "evaluation_report.submitted",
            report,
            hub=work_group.hub_id,
            work_group=work_group.pk,
            version=report.version,
            resubmitted=previous == EvaluationReport.Status.RETURNED,
        )
        _email(
            hub_staff(work_group),
            report=report,
            by=by,
            subject=f"Evaluation report to review: {work_group.title}",
            template="evaluation/report/email/submitted.txt",
            # A hub without staff on Hubwork still hears, at its contact address.
            fallback=work_group.hub.email,
        )
    return report


def _decide(report: EvaluationReport, by: User) -> EvaluationReport:
    if not can_manage_hub(by, report.work_group.hub):
        raise ValidationError("Only the hub's staff can accept or return a report.")
    if report.pk is None:
        raise ValidationError("This report has not been submitted yet.")
    report = _lock(report)
    if report.status != EvaluationReport.Status.SUBMITTED:
        raise ValidationError(
            f"This report is {report.get_status_display().lower()}, so there is nothing to decide."
        )
    return report


def report_accept(*, report: EvaluationReport, by: User) -> EvaluationReport:
    """Hub staff accept a submitted report: it is locked, with its figures as they stand now
    kept as its snapshot."""
    return _record_decision(
        report,
        by,
        status=EvaluationReport.Status.ACCEPTED,
        changes={"snapshot": lambda: report_figures(report.work_group)},
        subject="Evaluation report accepted",
        template="evaluation/report/email/accepted.txt",
    )


def report_return(*, report: EvaluationReport, by: User, comments: str) -> EvaluationReport:
    """Hub staff send a submitted report back to its leads with comments (required), to
    change and submit again."""
    comments = comments.strip()
    if not comments:
        raise ValidationError({"comments": "Say what the leads should change."})
    if len(comments) > MAX_COMMENTS_LENGTH:
        raise ValidationError(
            {"comments": f"The comments must be {MAX_COMMENTS_LENGTH:,} characters or fewer."}
        )
    return _record_decision(
        report,
        by,
        status=EvaluationReport.Status.RETURNED,
        changes={"comments": lambda: comments},
        subject="Evaluation report returned with comments",
        template="evaluation/report/email/returned.txt",
    )


def _record_decision(
    report: EvaluationReport,
    by: User,
    *,
    status: str,
    changes: dict[str, Callable[[], Any]],
    subject: str,
    template: str,
) -> EvaluationReport:
    """Accept or return a submitted report under its row lock: the decision, who made it and
    when, a new version, the audit event and the leads' email."""
    work_group = report.work_group
    with transaction.atomic():
        report = _decide(report, by)
        report.status = status
        for field, value in changes.items():
            setattr(report, field, value())
        report.decided_by = by
        report.decided_at = timezone.now()
        report.version += 1
        report.save(
            update_fields=[
                "status",
                *changes,
                "decided_by",
                "decided_at",
                "version",
                "updated_at",
            ]
        )
        audit(
            by,
            f"evaluation_report.{status}",
            report,
            hub=work_group.hub_id,
            work_group=work_group.pk,
            version=report.version,
        )
        _email(
            report_leads(work_group),
            report=report,
            by=by,
            subject=f"{subject}: {work_group.title}",
            template=template,
        )
    return report
