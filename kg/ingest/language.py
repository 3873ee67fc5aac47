"""Cheap detection of text that is not English, so it is reported instead of parsed into garbage.

GeoKG's pipeline (English spaCy model, English verb lexicon) turns other languages into nonsense
entities and events. The test reads at most the first :data:`SAMPLE_CHARS` characters and uses
the stop-word lists shipped with spaCy (MIT licence; English plus the languages in
:data:`LANGUAGES`), measured here on seeds/ and on news paragraphs in other languages:

1. Script: when most letters of the distinct words are not Latin (Cyrillic, Arabic, CJK, ...),
   the text is not English.
2. Fast path: among lower-case words, 49-59 % are English stop words in English news; a text
   at or above :data:`ENGLISH_RATIO` is English (no other list is consulted).
3. Otherwise each language votes with the distinct stop words it has that are not English ones;
   the paragraphs in other languages used in the tests score 7-13 such words against 1-3 English.
   A text is foreign only when another language has at least :data:`MIN_FOREIGN_HITS` and more
   than English; text that is neither (lists, names, markup) is left to the pipeline.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

#: Only the opening of a document is measured: enough words, constant cost.
SAMPLE_CHARS = 5000
#: Share of English stop words among lower-case words above which no other test is needed.
ENGLISH_RATIO = 0.3
#: A foreign language needs at least this many of its own stop words, and more than English has.
MIN_FOREIGN_HITS = 5
#: At least this many letters before the script test applies; below this share of Latin letters
#: the text is in another script.
MIN_LETTERS = 20
MIN_LATIN_SHARE = 0.5
#: Latin-script languages whose spaCy stop-word lists vote (ISO 639-1 codes).
LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "tr", "sv", "da", "ro", "id", "cs", "hu", "fi", "ca")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageCheck:
    """Verdict on one text: ``english`` is False only when the evidence says so."""

    english: bool
    reason: str = ""  # why it is not English, for the problem line
    language: str = ""  # ISO 639-1 code or script name when not English ("fr", "Cyrillic")


def check_language(text: str) -> LanguageCheck:
    """Judge whether ``text`` is English; undecidable text (names, lists, too short) counts as English."""
    sample = text[:SAMPLE_CHARS]
    raw = _WORD.findall(sample)
    # Votes count distinct words: a name repeated 500 times ("Ibe Ibe Ibe ...") is one word.
    script = _foreign_script(sample, set(raw))
    if script:
        return LanguageCheck(False, f"not English ({script} script)", script)
    english = stop_words("en")
    # the fast path needs only the words written in lower case; the others are folded if it fails
    lower = [r.lower().replace("’", "'") for r in raw if r[0].islower()]
    if lower and sum(map(english.__contains__, lower)) / len(lower) >= ENGLISH_RATIO:
        return LanguageCheck(True)
    types = {w.lower().replace("’", "'") for w in raw}
    en_hits = len(types & english)
    votes = Counter({lang: len(types & _foreign_only(lang)) for lang in LANGUAGES})
    lang, hits = votes.most_common(1)[0] if votes else ("", 0)
    if hits >= MIN_FOREIGN_HITS and hits > en_hits:
        return LanguageCheck(False, f"not English (looks like {lang!r}: {hits} {lang} function words, "
                                    f"{en_hits} English)", lang)
    return LanguageCheck(True)


def _foreign_script(sample: str, words: set[str]) -> str:
    """Name of the dominant non-Latin script (``"Cyrillic"``), or ``""`` when Latin dominates.

    Measured over distinct words (by their letters), so one foreign name repeated through an
    English text does not outweigh it; CJK text has no spaces, so each run counts by its letters.
    """
    if sum(1 for _ in islice((c for c in sample if c.isalpha()), MIN_LETTERS)) < MIN_LETTERS:
        return ""
    scripts: Counter[str] = Counter()
    latin = 0
    for word in words:
        if word.isascii():
            latin += len(word)  # the common case, without a look-up per letter
        else:
            scripts.update(_script(c) for c in word)
    scripts["LATIN"] += latin
    total = sum(scripts.values())
    if not total or scripts["LATIN"] / total >= MIN_LATIN_SHARE:
        return ""
    name = next(s for s, _ in scripts.most_common() if s != "LATIN")
    return name.title() if name != "CJK" else name


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "UNKNOWN")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ", 1)[0]


@cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list for ``lang``, read from its data file alone.

    Importing ``spacy.lang.<lang>`` would also compile that language's tokenizer exceptions
    (5.5 s for French, measured here); the ``stop_words.py`` files are self-contained.
    """
    spacy_spec = importlib.util.find_spec("spacy")
    if spacy_spec is None or not spacy_spec.origin:
        return frozenset()
    path = Path(spacy_spec.origin).parent / "lang" / lang / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_geokg_stop_words_{lang}", path)
    if spec is None or spec.loader is None or not path.exists():
        return frozenset()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower() for w in getattr(module, "STOP_WORDS", ()))


@cache
def _foreign_only(lang: str) -> frozenset[str]:
    # Words shared with English ("a", "in", "die"...) prove nothing either way.
    return stop_words(lang) - stop_words("en")
