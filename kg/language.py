"""Cheap detection of text that is not English, so it is reported instead of parsed into garbage.

GeoKG's pipeline (English spaCy model, English verb lexicon) turns other languages into nonsense
entities and events. Two measurements decide, both linear in the first few thousand characters:

* script: a text whose letters are mostly not Latin (Cyrillic, Arabic, CJK, ...) is not English;
* function words: in English news about 40-50 % of the words are spaCy's English stop words
  (measured on seeds/: 0.41-0.52); in French, Spanish, Italian, Portuguese, German and Dutch news
  prose it is 0.03-0.12, because only a few short words ("a", "on", "in") are shared.

Too-short texts are not judged (a ten-word snippet proves nothing). ``langdetect`` (seeded, so
deterministic) is asked only to *name* the language of a text already judged non-English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

#: Only the opening of a document is measured: enough words, constant cost.
SAMPLE_CHARS = 5000
#: Fewer words than this and the function-word ratio is not trusted.
MIN_WORDS = 20
#: English news measured 0.41-0.52, other Latin-script languages 0.03-0.12: cut in the gap.
MIN_ENGLISH_RATIO = 0.25
#: At least this many letters before the script test applies.
MIN_LETTERS = 20
#: Below this share of Latin letters the text is in another script.
MIN_LATIN_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageCheck:
    """Verdict on one text: ``english`` is False only when the evidence says so."""

    english: bool
    reason: str = ""  # why it is not English, for the problem line
    language: str = ""  # ISO 639-1 code from langdetect when not English ("fr"), else ""


def check_language(text: str) -> LanguageCheck:
    """Judge whether ``text`` is English; unknown (too short) counts as English."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= MIN_LETTERS:
        latin = sum(1 for c in letters if _is_latin(c)) / len(letters)
        if latin < MIN_LATIN_SHARE:
            return _foreign(sample, f"{100 - round(100 * latin)}% of letters are not Latin script")
    words = [w.lower().replace("’", "'") for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return LanguageCheck(True)
    ratio = sum(1 for w in words if w in STOP_WORDS) / len(words)
    if ratio < MIN_ENGLISH_RATIO:
        return _foreign(sample, f"only {100 * ratio:.0f}% English function words (English news: 40-50%)")
    return LanguageCheck(True)


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def _foreign(sample: str, evidence: str) -> LanguageCheck:
    code = name_language(sample)
    label = f"looks like {code!r}" if code else "language unknown"
    return LanguageCheck(False, f"not English ({label}: {evidence})", code)


def name_language(text: str) -> str:
    """ISO 639-1 code langdetect assigns to ``text`` (deterministic), or ``""``."""
    try:
        from langdetect import LangDetectException, detect
    except ImportError:  # the code is a courtesy in the message; detection does not need it
        return ""
    _seed_langdetect()
    try:
        return detect(text)
    except LangDetectException:
        return ""


@lru_cache(maxsize=1)
def _seed_langdetect() -> None:
    # langdetect samples randomly; a fixed seed makes the same text always get the same answer.
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
