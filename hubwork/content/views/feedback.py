"""A visitor's answer to one of the two questions at the foot of every public page.

Without JavaScript the form posts here and the visitor goes back to the same page and place
(#page-feedback) with a thank-you; with htmx the panel's question is swapped for the
thank-you in place. Answers are limited per address, a filled honeypot is dropped without a
word, and the visitor is told apart from others only by a random key in a cookie.
"""

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from hubwork.content.feedback_pages import FeedbackPanel, answered_page, thanks_url
from hubwork.content.forms.feedback import PageFeedbackForm
from hubwork.content.models import PageFeedback
from hubwork.content.services.feedback import feedback_record
from hubwork.core.ratelimit import over_rate_limit

VISITOR_COOKIE = "hubwork_feedback_visitor"
VISITOR_COOKIE_AGE = 365 * 24 * 60 * 60
# Two questions on a page, answered again now and then: thirty answers in ten minutes is
# more than anyone reading pages needs.
RATE_LIMIT = 30
RATE_WINDOW_SECONDS = 10 * 60


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _panel(
    request: HtmxHttpRequest, token: str, *, answered: str = "", error: str = ""
) -> HttpResponse:
    return render(
        request,
        "content/feedback/panel.html",
        {
            "page_feedback": FeedbackPanel(token=token, answered=answered),
            "feedback_error": error,
            "feedback_error_for": request.POST.get("question", ""),
        },
    )


@require_POST
def feedback_answer(request: HtmxHttpRequest) -> HttpResponse:
    form = PageFeedbackForm(request.POST)
    token = request.POST.get("page", "")
    answered = answered_page(request, token)
    if answered is None:
        return HttpResponseBadRequest("That page does not take feedback.")
    if over_rate_limit(
        request, scope="page-feedback", limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS
    ):
        message = "You have sent a lot of answers in a short time. Try again in a few minutes."
        if request.htmx:
            return _panel(request, token, error=message)
        return render(
            request, "content/feedback/too_many.html", {"back": answered.full_path}, status=429
        )
    if not form.is_valid():
        error = str(next(iter(form.errors.values()))[0])
        if request.htmx:
            return _panel(request, token, error=error)
        return render(
            request,
            "content/feedback/invalid.html",
            {"back": answered.full_path, "error": error},
            status=400,
        )
    question = form.cleaned_data["question"]
    visitor_key = request.COOKIES.get(VISITOR_COOKIE, "")
    if len(visitor_key) < 20 or len(visitor_key) > 100:
        visitor_key = secrets.token_urlsafe(32)
    # A bot's answer is thanked like anyone's, and not kept.
    if not form.is_bot():
        feedback_record(
            path=answered.path,
            page=answered.page,
            question=PageFeedback.Question(question),
            answer=form.cleaned_data["answer"] == "yes",
            comment=form.cleaned_data["comment"],
            visitor_key=visitor_key,
        )
    if request.htmx:
        response = _panel(request, token, answered=question)
    else:
        response = HttpResponseRedirect(thanks_url(answered, question))
    response.set_cookie(
        VISITOR_COOKIE,
        visitor_key,
        max_age=VISITOR_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    response["Cache-Control"] = "private, no-store"
    return response
