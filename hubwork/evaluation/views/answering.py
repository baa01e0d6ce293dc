"""Answering evaluation forms: a participant's own (session feedback, before and after) and a
school leader's (through the link in their email, no account needed).

One page per form. It takes answers while the form is open, and can be answered again to
change them; once it has closed it says so, and anything posted to it is shown back to copy,
never lost and never saved.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from hubwork.accounts.models import User
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.forms import add_service_errors
from hubwork.evaluation.forms.responses import NO_PUPIL_NAMES, ResponseForm, answers_of
from hubwork.evaluation.models import Answer, Invitation, Questionnaire, Response, Wave
from hubwork.evaluation.permissions import (
    get_leader_invitation,
    get_own_enrolment_for_form,
    get_own_session_for_feedback,
)
from hubwork.evaluation.selectors.my_forms import form_url, forms_page_for_user
from hubwork.evaluation.selectors.questionnaires import current_questionnaire
from hubwork.evaluation.services.responses import (
    FormClosed,
    closed_message,
    form_window,
    response_save,
)
from hubwork.workgroups.models import Session, WorkGroup

WHO_SEES: dict[str, str] = {
    Wave.SESSION: (
        "Your Work Group's leads see session feedback only as totals and comments without "
        "names, and nothing for a session with fewer than 3 responses."
    ),
    Wave.PRE: (
        "Your answers before and after the Work Group are matched to see what changed. Your "
        "Work Group's leads and your Maths Hub see them only as totals, never with your name."
    ),
    Wave.POST: (
        "Your answers before and after the Work Group are matched to see what changed. Your "
        "Work Group's leads and your Maths Hub see them only as totals, never with your name."
    ),
    Wave.SCHOOL_LEADER: (
        "The Work Group's leads and the Maths Hub see school leaders' answers together, as "
        "totals and comments. One answer is asked for each school."
    ),
}

TITLES: dict[str, str] = {
    Wave.PRE: "Before the Work Group",
    Wave.POST: "After the Work Group",
    Wave.SCHOOL_LEADER: "School leader questionnaire",
}


@require_safe
@login_required
def my_forms(request: AuthenticatedRequest) -> HttpResponse:
    """The person's forms open now: not yet answered first, then answered ones they can
    still change, each with its closing date; then when each Work Group's next one opens."""
    forms, coming = forms_page_for_user(request.user)
    return render(
        request,
        "evaluation/answering/my_forms.html",
        {
            "to_answer": [form for form in forms if not form.answered],
            "answered": [form for form in forms if form.answered],
            "coming": coming,
            "who_sees": WHO_SEES[Wave.SESSION],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def form_pre(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    enrolment = get_own_enrolment_for_form(request.user, work_group_slug=slug)
    return _answer(request, work_group=enrolment.work_group, wave=Wave.PRE, user=request.user)


@require_http_methods(["GET", "POST"])
@login_required
def form_post(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    enrolment = get_own_enrolment_for_form(request.user, work_group_slug=slug)
    return _answer(request, work_group=enrolment.work_group, wave=Wave.POST, user=request.user)


@require_http_methods(["GET", "POST"])
@login_required
def form_session(request: AuthenticatedRequest, slug: str, number: int) -> HttpResponse:
    session = get_own_session_for_feedback(request.user, work_group_slug=slug, number=number)
    return _answer(
        request,
        work_group=session.work_group,
        wave=Wave.SESSION,
        session=session,
        user=request.user,
    )


@require_http_methods(["GET", "POST"])
def form_school_leader(request: HttpRequest, token: str) -> HttpResponse:
    """Open to whoever holds the link from the email: no sign-in."""
    invitation = get_leader_invitation(token=token)
    response = _answer(
        request, work_group=invitation.work_group, wave=Wave.SCHOOL_LEADER, invitation=invitation
    )
    # The page's address is the leader's key: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _questionnaire(work_group: WorkGroup, wave: str, answered: Response | None) -> Questionnaire:
    """The version already answered (its wording stays with the answers), else the current
    one for the programme. A form with no questionnaire is not asked: 404."""
    if answered is not None:
        questionnaire = (
            Questionnaire.objects.filter(pk=answered.questionnaire_id)
            .prefetch_related("items__outcome")
            .get()
        )
        return questionnaire
    found = current_questionnaire(work_group.programme, Questionnaire.KIND_OF_WAVE[wave])
    if found is None:
        raise Http404("No such form.")
    return found


def _answer(
    request: HttpRequest,
    *,
    work_group: WorkGroup,
    wave: str,
    session: Session | None = None,
    user: User | None = None,
    invitation: Invitation | None = None,
) -> HttpResponse:
    now = timezone.now()
    window = form_window(wave=wave, work_group=work_group, session=session)
    if window is None:
        raise Http404("No such form.")
    answered = (
        Response.objects.to_form(
            wave=wave, work_group=work_group, session=session, user=user, invitation=invitation
        )
        .select_related("questionnaire")
        .prefetch_related("answers")
        .first()
    )
    questionnaire = _questionnaire(work_group, wave, answered)
    here = request.path if invitation is not None else form_url(work_group, wave, session)
    context: dict[str, Any] = {
        "work_group": work_group,
        "session": session,
        "wave": wave,
        "invitation": invitation,
        "questionnaire": questionnaire,
        "title": _title(wave, session),
        "who_sees": WHO_SEES[wave],
        "no_pupil_names": NO_PUPIL_NAMES,
        "closes": window.closes,
        "answered": answered,
        "here": here,
        "is_participant": user is not None,
    }
    if request.method == "POST":
        form = ResponseForm(request.POST, questionnaire=questionnaire, wave=wave)
        if not window.is_open(now):
            return _closed(request, context, form, closed_message(window, now))
        if form.is_valid():
            try:
                response_save(
                    questionnaire=questionnaire,
                    wave=wave,
                    work_group=work_group,
                    session=session,
                    user=user,
                    invitation=invitation,
                    answers=form.answers(),
                    now=now,
                )
            except FormClosed as closed:
                return _closed(request, context, form, str(closed.message))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(f"{here}?saved=1")
        return render(request, "evaluation/answering/form.html", {**context, "form": form})
    answers = answers_of(answered) if answered is not None else None
    form = ResponseForm(questionnaire=questionnaire, wave=wave, answers=answers)
    if not window.is_open(now):
        return _closed(request, context, None, closed_message(window, now))
    return render(
        request,
        "evaluation/answering/form.html",
        {
            **context,
            "form": form,
            "saved": answered is not None and request.GET.get("saved") == "1",
        },
    )


def _closed(
    request: HttpRequest,
    context: dict[str, Any],
    posted: ResponseForm | None,
    message: str,
) -> HttpResponse:
    """The form takes no answers now: say so, and show back whatever was just sent, to copy.
    200, not an error: the person did nothing wrong."""
    answered: Response | None = context["answered"]
    saved_answers: list[tuple[str, str]] = []
    if answered is not None and posted is None:
        saved_answers = _in_words(context["questionnaire"], context["wave"], answered)
    typed = [(question, value) for question, value in posted.typed()] if posted else []
    return render(
        request,
        "evaluation/answering/closed.html",
        {
            **context,
            "message": message,
            "typed": typed,
            "typed_anything": any(value for _, value in typed),
            "saved_answers": saved_answers,
        },
    )


def _in_words(questionnaire: Questionnaire, wave: str, response: Response) -> list[tuple[str, str]]:
    """A saved response, question by question, in words (for the closed page)."""
    by_item: dict[int, Answer] = {answer.item_id: answer for answer in response.answers.all()}
    shown = []
    for item in questionnaire.items.all():
        if not item.is_asked_in(wave):
            continue
        answer = by_item.get(item.pk)
        if answer is None:
            shown.append((item.text, ""))
        elif answer.choice_list is not None:
            shown.append(
                (
                    item.text,
                    "; ".join(
                        item.choices[index]
                        for index in answer.choice_list
                        if 0 <= index < len(item.choices)
                    ),
                )
            )
        elif answer.number is not None and item.kind == item.Kind.SCALE:
            label = (
                item.scale_labels[answer.number - 1]
                if 0 < answer.number <= item.scale_points
                else ""
            )
            shown.append((item.text, f"{answer.number} – {label}"))
        elif answer.number is not None and item.kind == item.Kind.SINGLE_CHOICE:
            choice = item.choices[answer.number] if 0 <= answer.number < len(item.choices) else ""
            shown.append((item.text, choice))
        elif answer.number is not None:
            shown.append((item.text, str(answer.number)))
        else:
            shown.append((item.text, answer.text))
    return shown


def _title(wave: str, session: Session | None) -> str:
    if session is not None:
        return f"Feedback on session {session.number}"
    return TITLES[wave]
