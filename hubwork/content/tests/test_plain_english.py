"""Hubwork's plain English check: long sentences, avoid-list words, reading ease, and the
text of a Wagtail page's fields and StreamField blocks."""

import pytest
from wagtail.rich_text import RichText

from hubwork.content.hooks.feedback import check_message
from hubwork.content.models import HomePage, StandardPage
from hubwork.content.plain_english import (
    AVOID,
    LONG_SENTENCE_WORDS,
    check_page,
    check_text,
    page_text,
    reading_ease,
    sentences_of,
    syllables,
)


def test_the_avoid_list_is_about_forty_words_with_what_to_write_instead():
    assert 35 <= len(AVOID) <= 50
    assert all(instead for instead in AVOID.values())
    assert {"utilise", "facilitate", "leverage"} <= AVOID.keys()


def test_sentences_over_25_words_are_listed():
    short = "Teachers meet once a month to plan lessons together."
    long = " ".join(["word"] * (LONG_SENTENCE_WORDS + 1)) + "."
    exactly = " ".join(["word"] * LONG_SENTENCE_WORDS) + "."
    check = check_text(f"{short} {long} {exactly}")
    assert check.sentences == 3
    assert check.long_sentences == [long]
    assert check.long_sentence_count == 1


def test_line_breaks_end_sentences_so_headings_and_list_items_count_alone():
    assert sentences_of("A heading\nA list item\nA sentence. Another!") == [
        "A heading",
        "A list item",
        "A sentence.",
        "Another!",
    ]


def test_avoid_list_words_are_found_as_whole_words_in_any_form():
    check = check_text(
        "We utilise tools. She utilised them, utilising more. Facilitate it. "
        "Prior to the session, in order to help. Keyboard leverage. Utilities are fine."
    )
    found = {word.word: word.count for word in check.avoid_words}
    assert found == {"utilise": 3, "facilitate": 1, "prior to": 1, "in order to": 1, "leverage": 1}
    assert check.avoid_word_count == 7
    assert check.avoid_words[0].word == "utilise"  # most used first


def test_syllables_are_estimated_from_vowel_groups():
    assert [syllables(word) for word in ("cat", "table", "make", "teacher", "mathematics")] == [
        1,
        2,
        1,
        2,
        4,
    ]


def test_reading_ease_is_higher_for_plainer_text():
    plain = reading_ease("We meet each month. You plan a lesson. We talk about it.")
    hard = reading_ease(
        "Participating institutions are consequently anticipated to demonstrate "
        "considerable organisational commitment regarding professional development."
    )
    assert plain is not None
    assert hard is not None
    assert plain > 80 > 30 > hard
    assert reading_ease("") is None
    assert check_text("").reading_ease_label == "No text"


@pytest.mark.django_db
def test_a_pages_text_comes_from_its_fields_and_every_block():
    page = StandardPage(
        title="Become an LLME",
        slug="become-llme-check",
        standfirst="Lead a Work Group in your hub.",
        body=[
            (
                "text",
                RichText(
                    "<h2>Who can apply</h2>"
                    "<p>Teachers with <b>three</b> years&rsquo; experience.</p>"
                ),
            ),
            ("inset_text", {"text": RichText("<p>We facilitate training.</p>")}),
            ("details", {"summary": "What it costs", "text": RichText("<p>Nothing.</p>")}),
        ],
    )
    HomePage.objects.get().add_child(instance=page)
    text = page_text(page)
    for part in (
        "Become an LLME",
        "Lead a Work Group in your hub.",
        "Who can apply",
        "Teachers with three years’ experience.",
        "We facilitate training.",
        "What it costs",
        "Nothing.",
    ):
        assert part in text
    assert "<" not in text
    check = check_page(page)
    assert [word.word for word in check.avoid_words] == ["facilitate"]
    assert check.reading_ease is not None


def test_the_editors_message_is_guidance_with_figures_and_escaped_text():
    check = check_text(
        "We utilise things. <script>alert(1)</script> " + " ".join(["long"] * 30) + "."
    )
    message = check_message(check)
    assert message.startswith("Plain English check (guidance, it does not stop you publishing)")
    assert "1 sentence over 25 words" in message
    assert "1 word from the avoid-list" in message
    assert "“utilise” try “use”" in message
    assert "<script>" not in message
    assert "&lt;script&gt;" in message
