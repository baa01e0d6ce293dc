"""Page feedback and the plain English check in Wagtail's editor.

- "Page feedback" in the admin menu, to the editors' reports (content/views/feedback_reports.py).
- Editing a page shows Hubwork's plain English check of its latest draft as a message above
  the form: reading ease, sentences over 25 words and avoid-list words. It is guidance only:
  nothing stops the page being saved, submitted or published. Wagtail's own content checks
  (word count, reading time, readability) stay in the editor's "Checks" side panel.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hubwork.content.feedback_permissions import can_read_feedback
from hubwork.content.plain_english import LONG_SENTENCE_WORDS, PlainEnglishCheck, check_page

SHOWN_SENTENCES = 3
SENTENCE_START_WORDS = 12


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_read_feedback(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item() -> MenuItem:
    return FeedbackMenuItem(
        "Page feedback", reverse("content:feedback_report"), icon_name="comment", order=850
    )


def _start(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:SENTENCE_START_WORDS]) + (
        "…" if len(words) > SENTENCE_START_WORDS else ""
    )


def check_message(check: PlainEnglishCheck) -> str:
    """The check as one message: its figures, the first long sentences and the avoid-list
    words with what to write instead."""
    ease = (
        format_html("reading ease {} ({})", check.reading_ease, check.reading_ease_label)
        if check.reading_ease is not None
        else "no text yet"
    )
    parts = [
        format_html(
            "Plain English check (guidance, it does not stop you publishing): {}; {} sentence{} "
            "over {} words; {} word{} from the avoid-list.",
            ease,
            check.long_sentence_count,
            "" if check.long_sentence_count == 1 else "s",
            LONG_SENTENCE_WORDS,
            check.avoid_word_count,
            "" if check.avoid_word_count == 1 else "s",
        )
    ]
    if check.long_sentences:
        parts.append(
            format_html(
                " Long sentences: {}.",
                format_html_join(
                    "; ", "“{}”", ((_start(s),) for s in check.long_sentences[:SHOWN_SENTENCES])
                ),
            )
        )
    if check.avoid_words:
        parts.append(
            format_html(
                " Instead of {}.",
                format_html_join(
                    ", ", "“{}” try “{}”", ((word.word, word.instead) for word in check.avoid_words)
                ),
            )
        )
    return format_html("{}{}{}", *parts, *[""] * (3 - len(parts)))


@hooks.register("before_edit_page")
def show_plain_english_check(request: HttpRequest, page: Any) -> None:
    if request.method != "GET":
        return
    messages.info(request, check_message(check_page(page)))
