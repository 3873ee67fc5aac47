"""Attribution: who reports a proposition.

A clause governed (through ``ccomp``/``conj``/``xcomp`` links) by a speech or cognition verb is
attributed to that verb's subject ("Zelensky said that Ukrainian forces had captured …");
"according to X" attributes the clause to X; a quotation whose reporting verb comes after it
("“…”, Sybiha said") is parsed with the reporting verb as root and handled the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from kg.events.args import Arg, EntityLookup, noun_arg
from kg.events.clauses import subject_token
from kg.events.lexicon import Lexicon

#: Links through which a clause inherits its governor's speaker.
_UP = ("ccomp", "conj", "xcomp", "advcl", "parataxis", "relcl", "acl", "pcomp", "prep", "pobj")


def reporting_governor(verb: Token, lex: Lexicon) -> Token | None:
    """The nearest speech/cognition verb that governs ``verb``'s clause, if any."""
    tok = verb
    for _ in range(8):
        if tok.dep_ not in _UP or tok.head is tok:
            break
        via = tok.dep_
        tok = tok.head
        if via in ("ccomp", "parataxis") and tok.lemma_.lower() in lex.speech:
            return tok
    # a quotation with a parenthetical reporting verb attached below it
    for child in verb.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in lex.reporting:
            return child
    return None


def according_to(sent: Iterable[Token], index: EntityLookup, lex: Lexicon) -> Arg | None:
    """The source named by an "according to X" phrase in a sentence (its Span or its tokens)."""
    for tok in sent:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return noun_arg(pobj, index, lex)
    return None


def speaker(verb: Token, index: EntityLookup, lex: Lexicon,
            sentence_source: Arg | None = None) -> tuple[Arg | None, Token | None]:
    """The source a proposition is attributed to, and the reporting verb (if any).

    ``sentence_source`` is the sentence's "according to" source (:func:`according_to`), computed
    once per sentence by the caller.
    """
    gov = reporting_governor(verb, lex)
    if gov is not None:
        subj = subject_token(gov, lex)
        if subj is not None:
            return noun_arg(subj, index, lex, subject=True), gov
        return None, gov
    return sentence_source, None


_OPEN, _CLOSE, _BOTH = "“", "”", '"'


def quotations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the quotations of a document (straight or curly marks)."""
    spans, start = [], None
    for tok in doc:
        text = tok.text
        if text == _OPEN or (text == _BOTH and start is None):
            start = tok.i + 1
        elif text in (_CLOSE, _BOTH) and start is not None:
            spans.append((start, tok.i))
            start = None
    return spans


def quotation_speakers(doc: Doc, index: EntityLookup, lex: Lexicon) -> dict[int, Arg]:
    """Speaker of each quoted token, from the reporting verb right after the closing mark
    ("…,” Chavez said) or right before the opening one (Chavez said: “…"), so that sentences of
    a multi-sentence quotation are attributed too."""
    out: dict[int, Arg] = {}
    for start, end in quotations(doc):
        window = list(doc[end + 1:min(end + 6, len(doc))]) + list(doc[max(start - 6, 0):max(start - 1, 0)])
        verb = next((t for t in window if t.pos_ == "VERB" and t.lemma_.lower() in lex.reporting), None)
        subj = subject_token(verb, lex) if verb is not None else None
        if subj is None:
            continue
        arg = noun_arg(subj, index, lex, subject=True)
        if arg.quality >= 0.7:
            for i in range(start, end):
                out[i] = arg
    return out
