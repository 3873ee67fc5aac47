"""The evidence of an event: the character span of its clause in the document, and whether a token
lies inside a quotation of its sentence."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.events.clauses import Proposition


def in_quote(tok: Token, sent: Span) -> bool:
    """True when ``tok`` lies after an odd number of quotation marks in its sentence."""
    marks = sum(1 for t in sent if t.i < tok.i and t.text in ('"', "“", "”"))
    return marks % 2 == 1


def clause_span(verb: Token, prop: Proposition, sent: Span) -> tuple[int, int]:
    """Character offsets of the evidence: the verb's clause, widened to its subject."""
    # subtree bounds clipped to the sentence (Token.sent is costly: compare indices instead)
    if verb.dep_ == "amod":
        verb = verb.head  # "Syrian-backed Hezbollah": the whole noun phrase is the evidence
    lo = max(verb.left_edge.i, sent.start)
    hi = min(verb.right_edge.i, sent.end - 1)
    if prop.subject.i >= 0 and sent.start <= prop.subject.i < sent.end:
        lo, hi = min(lo, prop.subject.i), max(hi, prop.subject.i)
    doc = verb.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)
