"""The author of a first-person document (statements, joint declarations, op-eds).

Outside quotations "I"/"we" refer to the document's author: the apposition of an opening
"We, the leaders of …" / "We, Prime Minister Kishida, …", or the person named in a
"Statement from/by President Joe Biden" headline. Used only when the entity stage leaves the
pronoun unresolved.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.events.args import NONE, Arg, EntityLookup, noun_arg
from kg.events.lexicon import Lexicon
from kg.model import PERSON

_FIRST = frozenset({"i", "we"})
#: Only the opening of a document names its author.
_OPENING_SENTS = 3


def find_author(sents: list[Span], index: EntityLookup, lex: Lexicon) -> Arg:
    """The author of a document (given its sentences) as an argument, or an empty :class:`Arg`."""
    sents = sents[:_OPENING_SENTS]
    for sent in sents:
        for tok in sent:
            if tok.lower_ in _FIRST:  # any role: a headline run into the text shifts the parse
                for c in tok.children:
                    if c.dep_ == "appos":
                        arg = noun_arg(c, index, lex, subject=True)
                        if arg:
                            return arg
    if sents:
        head = sents[0]
        if any(t.lower_ in ("statement", "remarks", "message", "address", "letter", "readout") for t in head[:4]):
            for tok in head:
                if tok.lower_ in ("from", "by"):
                    for t in tok.subtree:
                        key = index.key_at(t.i)
                        ent = index.entity(key) if key else None
                        if ent is not None and ent.type == PERSON:
                            return Arg(key=key, i=t.i, quality=1.0)
    return NONE
