"""A Work Group's evaluation report: its leads (and hub staff) read and edit it, its leads
submit it, its hub's staff accept it or return it with comments, and anyone who may read it
prints it. An accepted report is shown from the figures it was accepted with."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.evaluation.forms.reports import DecisionForm, ReportForm
from hubwork.evaluation.models import EvaluationReport
from hubwork.evaluation.permissions import get_report_for_user
from hubwork.evaluation.selectors.report import (
    report_figures,
    report_narratives,
    report_outcomes,
    report_sections,
)
from hubwork.evaluation.services.reports import (
    ReportConflict,
    is_lead,
    report_accept,
    report_return,
    report_save,
)
from hubwork.evaluation.services.reports import report_submit as submit_report
from hubwork.hubs.permissions import can_manage_hub


def _figures(report: EvaluationReport) -> dict[str, Any]:
    """What the report shows: as accepted, or as the figures stand now."""
    if report.status == EvaluationReport.Status.ACCEPTED and report.snapshot:
        return report.snapshot
    return report_figures(report.work_group)


def _report_context(request: AuthenticatedRequest, report: EvaluationReport) -> dict[str, Any]:
    work_group = report.work_group
    figures = _figures(report)
    narratives = {narrative.outcome_id: narrative.text for narrative in report_narratives(report)}
    leads = is_lead(request.user, work_group)
    manages = can_manage_hub(request.user, work_group.hub)
    return {
        "hub": work_group.hub,
        "work_group": work_group,
        "report": report,
        "figures": figures,
        "sections": report_sections(figures, narratives),
        "is_lead": leads,
        "can_manage": manages,
        "can_edit": report.is_editable,
        "can_submit": leads and report.is_editable,
        "can_decide": manages and report.status == EvaluationReport.Status.SUBMITTED,
    }


def _back_to_report(report: EvaluationReport) -> HttpResponse:
    work_group = report.work_group
    return redirect("evaluation:report", hub_slug=work_group.hub.slug, pk=work_group.pk)


@require_GET
@login_required
def report(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The report with its figures by Guskey level, for the Work Group's leads and hub
    staff, with what each of them may do next."""
    evaluation_report = get_report_for_user(request.user, hub_slug=hub_slug, pk=pk)
    context = _report_context(request, evaluation_report)
    if context["can_decide"]:
        context["decision_form"] = DecisionForm()
    return render(request, "evaluation/report/detail.html", context)


def _render_edit(
    request: AuthenticatedRequest,
    report: EvaluationReport,
    form: ReportForm,
    *,
    conflict: ReportConflict | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "hub": report.work_group.hub,
        "work_group": report.work_group,
        "report": report,
        "form": form,
        "conflict": conflict,
    }
    if conflict is not None:
        saved = {n.outcome_id: n.text for n in report_narratives(conflict.report)}
        context["saved_summary"] = conflict.report.summary
        context["saved_outcomes"] = [
            (outcome, saved.get(outcome.pk, "")) for outcome in form.outcomes
        ]
    return render(request, "evaluation/report/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The leads' words: an overall summary and a few lines on each intended outcome. Leads
    and hub staff may change them while the report is a draft or returned."""
    evaluation_report = get_report_for_user(request.user, hub_slug=hub_slug, pk=pk)
    if not evaluation_report.is_editable:
        messages.error(
            request,
            f"This report is {evaluation_report.get_status_display().lower()}, so it cannot "
            "be changed now.",
        )
        return _back_to_report(evaluation_report)
    outcomes = report_outcomes(evaluation_report.work_group)
    if request.method != "POST":
        form = ReportForm(
            outcomes=outcomes,
            initial=ReportForm.initial_for(evaluation_report, report_narratives(evaluation_report)),
        )
        return _render_edit(request, evaluation_report, form)

    form = ReportForm(request.POST, outcomes=outcomes)
    if not form.is_valid():
        if "version" in form.errors:
            # Without the version we cannot tell whether someone saved meanwhile: keep what
            # was typed, against the report as it is now, and ask for another look.
            data = request.POST.copy()
            data["version"] = str(evaluation_report.version)
            form = ReportForm(data, outcomes=outcomes)
            form.is_valid()
            form.add_error(
                None,
                "Something went wrong with the form, so nothing was saved. Check your "
                "changes below, then save again.",
            )
        return _render_edit(request, evaluation_report, form)
    try:
        report_save(
            report=evaluation_report,
            by=request.user,
            summary=form.cleaned_data["summary"],
            narratives=form.narratives(),
            version=form.cleaned_data["version"],
        )
    except ReportConflict as conflict:
        # Nothing is lost: what was typed stays in the form, which now carries the saved
        # version, so saving again (after bringing in the other changes) goes through.
        data = request.POST.copy()
        data["version"] = str(conflict.report.version)
        form = ReportForm(data, outcomes=outcomes)
        form.is_valid()
        return _render_edit(request, evaluation_report, form, conflict=conflict, status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_edit(request, evaluation_report, form)
    messages.success(request, "The report is saved.")
    return _back_to_report(evaluation_report)


@require_POST
@login_required
def report_submit(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """A lead sends the report to the hub's staff. Hub staff who do not lead the Work Group
    are told that its leads submit it (they decide it)."""
    evaluation_report = get_report_for_user(request.user, hub_slug=hub_slug, pk=pk)
    try:
        submit_report(report=evaluation_report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "The report is submitted. The hub's staff have been told, and will accept it or "
            "return it with comments.",
        )
    return _back_to_report(evaluation_report)


@require_http_methods(["GET", "POST"])
@login_required
def report_decide(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """Hub staff accept a submitted report or return it with comments."""
    evaluation_report = get_report_for_user(request.user, hub_slug=hub_slug, pk=pk, manage=True)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    submitted = evaluation_report.status == EvaluationReport.Status.SUBMITTED
    if request.method == "POST" and submitted and form.is_valid():
        try:
            if form.cleaned_data["decision"] == DecisionForm.ACCEPT:
                report_accept(report=evaluation_report, by=request.user)
                messages.success(request, "The report is accepted. Its leads have been told.")
            else:
                report_return(
                    report=evaluation_report,
                    by=request.user,
                    comments=form.cleaned_data["comments"],
                )
                messages.success(request, "The report is returned to its leads with your comments.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back_to_report(evaluation_report)
    return render(
        request,
        "evaluation/report/decide.html",
        {
            "hub": evaluation_report.work_group.hub,
            "work_group": evaluation_report.work_group,
            "report": evaluation_report,
            "submitted": submitted,
            "decision_form": form,
        },
    )


@require_GET
@login_required
def report_print(request: AuthenticatedRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The report laid out as a document for paper or PDF."""
    evaluation_report = get_report_for_user(request.user, hub_slug=hub_slug, pk=pk)
    return render(
        request, "evaluation/report/print.html", _report_context(request, evaluation_report)
    )
