"""Sending a newsletter issue, in Wagtail's admin (/cms/newsletter-issues/<id>/sending/).

Editors send a test of the draft to themselves; content reviewers and national admins also
send the published issue to its subscribers, now or at a set time, and follow its progress.
The writes are in content/services/sending.py.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hubwork.content.forms.sending import ScheduleForm
from hubwork.content.issue_email import RecipientLinks, issue_content, issue_email_bodies
from hubwork.content.issue_permissions import get_issue_for_sending, may_send_issues
from hubwork.content.models import IssueSend, Subscription
from hubwork.content.services.sending import (
    SendingRefused,
    issue_send_cancel,
    issue_send_schedule,
    issue_send_test,
    send_counts,
)
from hubwork.core.times import date_and_time


@require_http_methods(["GET", "POST"])
def sending(request: HttpRequest, page_id: int) -> HttpResponse:
    issue = get_issue_for_sending(request.user, page_id)  # type: ignore[arg-type]
    schedule_form = ScheduleForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "test":
            issue_send_test(issue=issue, by=request.user)  # type: ignore[arg-type]
            messages.success(request, f"A test of the draft has gone to {request.user.email}.")  # type: ignore[union-attr]
            return redirect("content_issue_sending", page_id=issue.pk)
        # Only those who may send get this far for the other actions (403 otherwise).
        issue = get_issue_for_sending(request.user, page_id, send=True)  # type: ignore[arg-type]
        try:
            if action == "send_now":
                issue_send_schedule(issue=issue, send_at=timezone.now(), by=request.user)  # type: ignore[arg-type]
                messages.success(request, "Sending has started.")
                return redirect("content_issue_sending", page_id=issue.pk)
            if action == "schedule":
                schedule_form = ScheduleForm(request.POST)
                if schedule_form.is_valid():
                    scheduled = issue_send_schedule(
                        issue=issue,
                        send_at=schedule_form.cleaned_data["send_at"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                    when = date_and_time(scheduled.send_at)
                    messages.success(request, f"Scheduled for {when}.")
                    return redirect("content_issue_sending", page_id=issue.pk)
            elif action == "cancel":
                existing = IssueSend.objects.filter(issue=issue).first()
                if existing is not None:
                    issue_send_cancel(send=existing, by=request.user)  # type: ignore[arg-type]
                    messages.success(request, "The scheduled send is cancelled.")
                return redirect("content_issue_sending", page_id=issue.pk)
        except SendingRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("content_issue_sending", page_id=issue.pk)
    send = IssueSend.objects.filter(issue=issue).select_related("requested_by").first()
    return TemplateResponse(
        request,
        "content/admin/issue_sending.html",
        {
            "issue": issue,
            "send": send,
            "counts": send_counts(send) if send else None,
            "recipients_now": Subscription.objects.receiving(issue.newsletter).count(),
            "may_send": may_send_issues(request.user),  # type: ignore[arg-type]
            "schedule_form": schedule_form,
            "header_title": f"Send: {issue.title}",
        },
    )


@require_GET
def email_preview(request: HttpRequest, page_id: int) -> HttpResponse:
    """The email as the latest draft would send it, with sample links."""
    issue = get_issue_for_sending(request.user, page_id)  # type: ignore[arg-type]
    links = RecipientLinks(preferences_url="#preferences", unsubscribe_url="#unsubscribe")
    text_body, html_body = issue_email_bodies(
        issue_content(issue.get_latest_revision_as_object()), links
    )
    if request.GET.get("format") == "text":
        return HttpResponse(text_body, content_type="text/plain; charset=utf-8")
    return HttpResponse(html_body)
