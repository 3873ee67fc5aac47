"""Sentence boundaries the layout of a news text gives before the parser guesses them.

A headline, a dateline, a photo caption or a section title has no final full stop, so spaCy's
parser runs it into the first sentence of the next paragraph ("Threat from Russia NATO leaders
pledged …" makes "Threat" the subject of "pledged"). The layout says where such a unit ends:

* a blank line always ends a paragraph, hence a sentence;
* a single line break ends one too when the text is laid out one paragraph per line (as
  scraped news and JSON Lines bodies are: most lines end with closing punctuation); in a
  hard-wrapped text (most lines end mid-sentence) a single line break is only a space.

Boundaries are preset on ``Token.is_sent_start``, which the parser respects.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: Characters that close a sentence (or a quotation closing one) at the end of a line.
CLOSING = frozenset('.!?:;"”’»)')
#: Share of non-empty lines ending in closing punctuation from which a text counts as laid out
#: one paragraph per line; hard-wrapped prose ends far fewer of its lines so.
ONE_PARAGRAPH_PER_LINE = 0.5


def one_paragraph_per_line(text: str) -> bool:
    """Whether ``text`` puts each paragraph on a line of its own (rather than hard-wrapping)."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < 3:
        return True  # a headline and a paragraph or two: every break is a unit's end
    closed = sum(1 for line in lines if line[-1] in CLOSING)
    return closed >= ONE_PARAGRAPH_PER_LINE * len(lines)


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break of ``doc`` (see the module docstring)."""
    every_break = one_paragraph_per_line(doc.text)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        # a run of line breaks is one whitespace token, or the previous token's trailing space
        gap = prev.text + prev.whitespace_ if prev.is_space else prev.whitespace_
        breaks = gap.count("\n")
        if breaks >= 2 or (breaks == 1 and every_break):
            tok.is_sent_start = True
    return doc
