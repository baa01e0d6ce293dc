"""Hubwork's plain English check: sentences over 25 words, words from an avoid-list, and the
Flesch reading ease of a page's text.

Guidance for editors, never a rule: nothing here stops a page being published. The avoid-list
is Hubwork's own, drawn from public plain-English guidance (words with a shorter, everyday
alternative). Reading ease is computed here (no readability library is installed): syllables
are counted by vowel groups, which is rough for single words and close enough over a page.
"""

import html
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags

LONG_SENTENCE_WORDS = 25

# Word (or phrase) -> what to write instead.
AVOID: dict[str, str] = {
    "utilise": "use",
    "utilize": "use",
    "utilisation": "use",
    "facilitate": "help, make easier",
    "leverage": "use",
    "commence": "start",
    "terminate": "end",
    "endeavour": "try",
    "ascertain": "find out",
    "approximately": "about",
    "assist": "help",
    "assistance": "help",
    "additional": "more, extra",
    "obtain": "get",
    "purchase": "buy",
    "require": "need",
    "requirement": "need",
    "sufficient": "enough",
    "prior to": "before",
    "in order to": "to",
    "in relation to": "about",
    "with regard to": "about",
    "in accordance with": "under, by",
    "notwithstanding": "despite, even if",
    "henceforth": "from now on",
    "thereby": "so",
    "whilst": "while",
    "amongst": "among",
    "deliver": "give, run, make",
    "empower": "allow, let",
    "robust": "strong, thorough",
    "streamline": "simplify",
    "synergy": "working together",
    "stakeholder": "the people involved",
    "going forward": "from now on",
    "optimise": "improve, make the best of",
    "in the event of": "if",
    "a number of": "some, several",
    "impact": "effect, change",
    "incentivise": "encourage",
    "disincentivise": "discourage",
    "foster": "encourage, build",
    "holistic": "whole, complete",
    "best practice": "what works",
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Avoid-list entries as whole words, and their other forms: "utilises", "utilised",
# "utilising"; "leverages", "leveraged".


def _avoid_pattern(term: str) -> re.Pattern[str]:
    escaped = re.escape(term).replace(r"\ ", r"\s+")
    if term.endswith("e"):
        return re.compile(rf"\b{escaped[:-1]}(?:e|es|ed|ing)\b", re.IGNORECASE)
    return re.compile(rf"\b{escaped}(?:s|es|ed|ing)?\b", re.IGNORECASE)


_AVOID_PATTERNS = {term: _avoid_pattern(term) for term in AVOID}


@dataclass(frozen=True)
class AvoidWord:
    word: str
    instead: str
    count: int


@dataclass(frozen=True)
class PlainEnglishCheck:
    words: int
    sentences: int
    long_sentences: list[str]
    avoid_words: list[AvoidWord]
    reading_ease: float | None  # Flesch reading ease, 0-100 (higher is easier); None if no text

    @property
    def long_sentence_count(self) -> int:
        return len(self.long_sentences)

    @property
    def avoid_word_count(self) -> int:
        return sum(word.count for word in self.avoid_words)

    @property
    def reading_ease_label(self) -> str:
        """How Flesch's own bands describe the score."""
        if self.reading_ease is None:
            return "No text"
        for floor, label in (
            (80, "Easy"),
            (60, "Plain English"),
            (50, "Fairly difficult"),
            (30, "Difficult"),
        ):
            if self.reading_ease >= floor:
                return label
        return "Very difficult"


def syllables(word: str) -> int:
    """A word's syllables, estimated from its vowel groups (a silent final e left out)."""
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if len(word) > 3 and word.endswith("e") and not word.endswith(("le", "ee")):
        word = word[:-1]
    return max(1, len(_VOWEL_GROUPS.findall(word)))


def sentences_of(text: str) -> list[str]:
    """The text's sentences: split after . ! ? and at line breaks (headings, list items)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if _WORD.search(part)]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def reading_ease(text: str) -> float | None:
    """Flesch reading ease: 206.835 - 1.015 × words per sentence - 84.6 × syllables per word."""
    all_sentences = sentences_of(text)
    all_words = words_of(text)
    if not all_sentences or not all_words:
        return None
    per_sentence = len(all_words) / len(all_sentences)
    per_word = sum(syllables(word) for word in all_words) / len(all_words)
    return round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)


def check_text(text: str) -> PlainEnglishCheck:
    """The check over plain text (already without markup)."""
    all_sentences = sentences_of(text)
    long_sentences = [s for s in all_sentences if len(words_of(s)) > LONG_SENTENCE_WORDS]
    avoid_words = []
    for term, pattern in _AVOID_PATTERNS.items():
        count = len(pattern.findall(text))
        if count:
            avoid_words.append(AvoidWord(word=term, instead=AVOID[term], count=count))
    avoid_words.sort(key=lambda word: (-word.count, word.word))
    return PlainEnglishCheck(
        words=len(words_of(text)),
        sentences=len(all_sentences),
        long_sentences=long_sentences,
        avoid_words=avoid_words,
        reading_ease=reading_ease(text),
    )


def _plain(value: Any) -> str:
    return html.unescape(strip_tags(str(value)))


def page_text(page: Any) -> str:
    """A Wagtail page's readable text, one block or field a line: its title, standfirst or
    introduction, and every block of its StreamField body (rich text without its markup)."""
    parts: list[str] = [page.title]
    for name in ("standfirst", "intro", "introduction"):
        value = getattr(page, name, "")
        if value:
            parts.append(_plain(value))
    body = getattr(page, "body", None)
    if body is not None:
        stream_block = body.stream_block
        parts.extend(_plain(text) for text in stream_block.get_searchable_content(body))
    # A block's text may hold several paragraphs: each line break ends a sentence.
    return "\n".join(part.strip() for part in parts if part and part.strip())


def check_page(page: Any) -> PlainEnglishCheck:
    return check_text(page_text(page))
