"""Anaphora the entity stage leaves to the event stage: a pronoun object that cannot be its own
clause's actor.

A non-reflexive pronoun never refers to the subject of its own clause (binding principle B): in
"we are obliged to comply with it" *it* is not the speaker. When the entity stage resolved such a
pronoun to the clause's actor anyway, the nearest preceding noun of the
sentence that names no actor is its antecedent ("the right to issue such an order … comply with it").
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.events.args import NONE, Arg, EntityLookup, noun_arg
from kg.events.lexicon import Lexicon

#: Object pronouns of things.
_NEUTER = frozenset({"it"})  # ("this", "that" often stand for a whole clause)
#: Dependencies of a noun that can be an antecedent: arguments, not modifiers.
_ARGS = ("dobj", "pobj", "nsubj", "nsubjpass", "attr")


def thing_antecedent(obj: Arg, obj_token: Token | None, actor: Arg, index: EntityLookup,
                     lex: Lexicon) -> tuple[Arg, Token | None] | None:
    """A new target for a neuter pronoun object resolved to the clause's actor itself, or ``None``
    to keep the target as it is."""
    if obj_token is None or obj_token.lower_ not in _NEUTER or obj_token.pos_ != "PRON":
        return None
    if not obj.key or obj.key != actor.key:
        return None  # resolved to another actor, or to nobody (its antecedent may lie further back)
    for tok in reversed(obj_token.sent[:obj_token.i - obj_token.sent.start]):
        if tok.pos_ == "NOUN" and tok.dep_ in _ARGS and not index.key_at(tok.i):
            arg = noun_arg(tok, index, lex)
            if arg and not arg.key and arg.quality < 0.7:  # a thing, not an actor noun
                return arg, tok
    return NONE, None
