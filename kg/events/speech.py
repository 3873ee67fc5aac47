"""Events reported through speech: the typed reading of a reporting verb's content clause.

Annotators of event data code what a speech act *does*, not that something was said: "Hamas
said Israel had failed to ease the blockade" is Hamas ACCUSE Israel; "the ministry said it would
retaliate against any attack" is a THREATEN; "he said the government must step down" a REQUEST.
A plain "said" stays untyped (and a reported event keeps its own actor: "officials said troops
killed ten militants" is the troops' ASSAULT, read from the content clause itself).

The reading looks only at the content clause (``ccomp``) of a reporting or desire verb, with the
cue words of ``kg/data/lexicon/words.yaml`` (``speech_content``):

- *commitment to force*: the speaker (or a pronoun that may be the speaker) is the content's
  subject, a future auxiliary ("will", "would", "shall") governs a forceful predicate →
  THREATEN, its target the content's target;
- *directive*: "told Israel to halt the offensive" → REQUEST of the addressee;
- *obligation or wish on another*: another actor is the content's subject under an obligation
  ("must", "should", "need to") or, after a desire verb ("hope", "want"), a future auxiliary →
  REQUEST of that actor; a passive need ("more troops were needed") → REQUEST of what is needed;
- *failure or negative evaluation of another*: another actor is the subject of a failure verb
  ("failed to", "refused to", "has not done enough"), is said to be to blame ("was responsible
  for", "the responsibility lies with"), or the clause carries a negative evaluation word
  ("unjust", "violation", "interfering") → ACCUSE of that actor (or of the evaluated thing);
- *denial*: the speaker is the subject of a negated past clause ("it had not attacked …"), or the
  clause denies that something exists ("there was no commitment to …") → REJECT.

Readings are asserted only with a target that is a named entity or a noun (never an unresolved
pronoun), so an unknown target leaves the speech act untyped rather than wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.events.args import FIRST_PERSON, NONE, Arg, EntityLookup, noun_arg
from kg.events.clauses import object_token, proposition, subject_token
from kg.events.deps import child
from kg.events.lexicon import Lexicon
from kg.events.modality import negated
from kg.events.typing import FORCEFUL, Typed, classify
from kg.model import PERSON

#: How sure a reading of a content clause is: below a verb of the lexicon, above a CAMEO default.
CERTAINTY = 0.6
#: Pronouns a speaker may be referred to by, by kind of speaker (a person, or a state/organisation).
_PERSONAL = frozenset({"he", "she", "they"}) | FIRST_PERSON
_IMPERSONAL = frozenset({"it", "they"}) | FIRST_PERSON


@dataclass(frozen=True)
class SpeechCues:
    """The cue words of ``words.yaml`` ``speech_content`` (see the module docstring)."""

    verbs: frozenset[str]  # reporting verbs whose content is read
    desire: frozenset[str]  # "hope/want that X will …" → REQUEST
    directive: frozenset[str]  # "told X to …" → REQUEST of X
    future: frozenset[str]  # auxiliaries of a commitment: will, would, shall
    obligation: frozenset[str]  # must, should, ought; "need/have to" as verbs
    failure: frozenset[str]  # fail, refuse, neglect …
    shortfall: frozenset[str]  # "has not done enough": a negated clause with one is a failure
    evaluation: frozenset[str]  # negative evaluation words
    culpable: frozenset[str]  # predicate adjectives of blame: responsible, guilty …
    menace: frozenset[str]  # predicate nouns that call the subject a danger: threat, menace …
    blame: frozenset[str]  # nouns of "the responsibility lies with X"
    needs: frozenset[str]  # passive needs: "more troops were needed" asks for troops

    @classmethod
    def of(cls, lex: Lexicon) -> SpeechCues:
        """The cues of a lexicon (its ``speech_content`` word lists)."""
        sec = lex.speech_content
        return cls(verbs=sec.get("verbs", frozenset()), desire=sec.get("desire", frozenset()),
                   directive=sec.get("directive", frozenset()),
                   future=sec.get("future", frozenset()), obligation=sec.get("obligation", frozenset()),
                   failure=sec.get("failure", frozenset()), shortfall=sec.get("shortfall", frozenset()),
                   evaluation=sec.get("evaluation", frozenset()), culpable=sec.get("culpable", frozenset()),
                   menace=sec.get("menace", frozenset()),
                   blame=sec.get("blame", frozenset()), needs=sec.get("needs", frozenset()))


@dataclass(frozen=True)
class Reading:
    """The typed reading of a speech act and its target."""

    typed: Typed
    target: Arg
    target_token: Token | None


def content_clause(verb: Token) -> Token | None:
    """The verbal head of ``verb``'s content clause ("said [that] X …"), if any."""
    tok = child(verb, ("ccomp",))
    return tok if tok is not None and tok.pos_ in ("VERB", "AUX") else None


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _is_speaker(arg: Arg, speaker: Arg, index: EntityLookup) -> bool:
    """Is the content's subject the speaker: the same entity, or a pronoun that may refer to it?"""
    if arg.key:
        return bool(speaker.key) and arg.key == speaker.key
    if arg.quality > 0.2 or not arg.text:
        return False  # a noun other than the speaker
    ent = index.entity(speaker.key) if speaker.key else None
    pronouns = _IMPERSONAL if ent is not None and ent.type != PERSON else _PERSONAL
    return arg.text in pronouns


def _other(arg: Arg, speaker: Arg) -> bool:
    """A target other than the speaker: a named entity or a noun, never an unresolved pronoun."""
    return arg.quality >= 0.4 and not (arg.key and arg.key == speaker.key)


def _obliged(content: Token, cues: SpeechCues) -> bool:
    """Is the content an obligation: "must/should step down", "needs to withdraw"?"""
    if _aux(content) & cues.obligation:
        return True
    return content.lemma_.lower() in cues.obligation and child(content, ("xcomp",)) is not None


def _own_act(content: Token, index: EntityLookup, lex: Lexicon) -> tuple[str, bool, Token | None]:
    """The content's event type, whether it is forceful ("retaliate", "take action", "impose
    sanctions"), and its target token."""
    prop = proposition(content, index, lex)
    words = prop.obj.words() | ({prop.obj_token.lower_} if prop.obj_token is not None else set())
    etype = classify(prop, lex, index).event_type
    return etype, etype in FORCEFUL or lex.is_threat_content(prop.predicate, words), prop.obj_token


def _denied_existence(content: Token) -> Token | None:
    """The noun of "there was no commitment to …", "there is no evidence": a denial of it."""
    if content.lemma_.lower() != "be" or child(content, ("expl",)) is None:
        return None
    attr = child(content, ("attr",))
    if attr is not None and any(d.dep_ == "det" and d.lower_ == "no" for d in attr.children):
        return attr
    return None


def _needed(content: Token, cues: SpeechCues) -> Token | None:
    """What "more peacekeepers were needed" / "troops are required" asks for (a passive need)."""
    if content.lemma_.lower() not in cues.needs:
        return None
    return child(content, ("nsubjpass",))


def _blamed(content: Token, subj: Token | None, cues: SpeechCues) -> Token | None:
    """Who "the responsibility lies with" / "the blame rests on"."""
    if subj is None or subj.lemma_.lower() not in cues.blame or content.lemma_.lower() not in ("lie", "rest"):
        return None
    prep = next((c for c in content.children if c.dep_ == "prep" and c.lower_ in ("with", "on", "upon")), None)
    return child(prep, ("pobj",)) if prep is not None else None


def _own_tokens(clause: Token) -> list[Token]:
    """The tokens of a clause without the clauses coordinated with it ("X did A, and Y did B")."""
    others = {t.i for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    return [t for t in clause.subtree if t.i not in others]


def _grounds(tok: Token, clause: Token) -> bool:
    """Does ``tok`` lie in a "for" phrase of its clause — the grounds of an act against someone
    ("designating eleven individuals for corruption", "sanctioned for abuses"), which evaluates them,
    not the clause's subject?"""
    while tok.i != clause.i and tok.head is not tok:
        if tok.dep_ == "prep" and tok.lower_ == "for" and tok.head.pos_ == "VERB":
            return True  # (not "a stance for peace", a noun's complement)
        tok = tok.head
    return False


def _evaluated(content: Token, cues: SpeechCues) -> Token | None:
    """Does the content clause carry a negative evaluation ("unjust", "in violation of"), or say
    its subject is to blame ("Hamas was responsible for …": a predicate adjective only, not "a
    responsible member")? Returns the evaluated one's token: the possessor of an evaluated act
    ("rallied the world in response to Russia's brutal invasion" blames Russia, not the subject),
    else the clause itself (its subject is evaluated)."""
    own = _own_tokens(content)
    if any(t.dep_ in ("acomp", "attr") and (t.lower_ in cues.culpable or t.lemma_.lower() in cues.menace)
           for t in own):
        return content  # "X was responsible for …", "the troops are a threat"
    for t in own:
        if (t.lower_ in cues.evaluation or t.lemma_.lower() in cues.evaluation) and not _grounds(t, content):
            noun = t.head if t.dep_ == "amod" else t
            owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            return owner if owner is not None else content
    return None


def _extraposed(content: Token, subj_tok: Token | None, cues: SpeechCues) -> Token | None:
    """The clause judged by "it is unacceptable / unbelievable that …" (an extraposed subject
    clause under a negative predicate adjective), if the content is one."""
    if subj_tok is None or subj_tok.lower_ != "it" or content.lemma_.lower() != "be":
        return None
    adj = child(content, ("acomp", "attr"))
    if adj is None or not (adj.lower_ in cues.evaluation or adj.lemma_.lower() in cues.evaluation):
        return None
    clause = child(content, ("ccomp",)) or child(adj, ("ccomp",))
    return clause if clause is not None and clause.pos_ in ("VERB", "AUX") else None


def read_content(verb: Token, speaker: Arg, index: EntityLookup, lex: Lexicon,
                 cues: SpeechCues) -> Reading | None:
    """The typed reading of the speech act headed by ``verb`` (see the module docstring), or None."""
    lemma = verb.lemma_.lower()
    desire = lemma in cues.desire or verb.lower_ in cues.desire  # (the small model lemmatises "hopes" "hop")
    if not speaker or (lemma not in cues.verbs and not desire):
        return None
    if lemma in cues.directive:
        # "told Israel to halt the offensive": a directive to the addressee
        addressee, order = child(verb, ("dobj", "dative")), child(verb, ("xcomp",))
        target = noun_arg(addressee, index, lex) if addressee is not None and order is not None else NONE
        if _other(target, speaker):
            return Reading(Typed("REQUEST", "", "", CERTAINTY), target, addressee)
    content = content_clause(verb)
    if content is None:
        return None
    # "said the U.S. had funded the opposition and Britain was interfering": each clause is read
    clauses = [content, *(c for c in content.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    for clause in clauses:
        reading = read_clause(clause, speaker, index, lex, cues, desire=desire)
        if reading is not None:
            return reading
    return None


def read_clause(content: Token, speaker: Arg, index: EntityLookup, lex: Lexicon, cues: SpeechCues,
                desire: bool = False) -> Reading | None:
    """The reading of one clause said by ``speaker``: the content clause of a reporting verb, or the
    main clause of a sentence quoted from the speaker (``desire``: after "hope", "want")."""
    denied = _denied_existence(content)
    if denied is not None:
        target = noun_arg(denied, index, lex)
        return Reading(Typed("REJECT", "", "", CERTAINTY), target, denied) if _other(target, speaker) else None
    subj_tok = subject_token(content, lex)
    blamed = _blamed(content, subj_tok, cues)
    if blamed is not None:
        target = noun_arg(blamed, index, lex)
        return Reading(Typed("ACCUSE", "allege", "", CERTAINTY), target, blamed) if _other(target, speaker) else None
    needed = _needed(content, cues)
    if needed is not None:
        target = noun_arg(needed, index, lex)
        return Reading(Typed("REQUEST", "", "", CERTAINTY), target, needed) if _other(target, speaker) else None
    judged = _extraposed(content, subj_tok, cues)
    if judged is not None:
        # "it is unacceptable that Zimbabwe expelled the aid groups": Zimbabwe is accused
        judged_tok = subject_token(judged, lex)
        target = noun_arg(judged_tok, index, lex, subject=True) if judged_tok is not None else NONE
        if target.quality >= 0.7 and _other(target, speaker):
            return Reading(Typed("ACCUSE", "allege", "", CERTAINTY), target, judged_tok)
        return None
    subj = noun_arg(subj_tok, index, lex, subject=True) if subj_tok is not None else NONE
    aux = _aux(content)
    if _is_speaker(subj, speaker, index):
        etype, forceful, obj_tok = _own_act(content, index, lex)
        if aux & cues.future and forceful and not negated(content):
            target = noun_arg(obj_tok, index, lex) if obj_tok is not None else NONE
            return Reading(Typed("THREATEN", "", "", CERTAINTY), target, obj_tok)
        if etype and negated(content) and not aux & (cues.future | lex.modals) and content.tag_ in ("VBD", "VBN"):
            # a denied act of one's own ("it had not attacked civilians"), not a lack ("we have
            # not received cooperation")
            obj_tok, _prep = object_token(content, False, lex)
            target = noun_arg(obj_tok, index, lex) if obj_tok is not None else NONE
            if _other(target, speaker):
                return Reading(Typed("REJECT", "", "", CERTAINTY), target, obj_tok)
        return None
    if not _other(subj, speaker):
        return None
    if (desire and aux & cues.future) or (_obliged(content, cues) and subj.quality >= 0.7):
        # asked of an actor ("the government must step down"), not a hope for a thing ("the deal
        # should bring home the hostages")
        return Reading(Typed("REQUEST", "", "", CERTAINTY), subj, subj_tok)
    # only an actor fails someone ("the talks had failed" accuses nobody)
    failed = subj.quality >= 0.7 and (content.lemma_.lower() in cues.failure or (
        negated(content) and any(t.lower_ in cues.shortfall for t in content.subtree)))
    evaluated = None if failed else _evaluated(content, cues)
    if evaluated is not None and evaluated is not content:
        owner = noun_arg(evaluated, index, lex)
        return Reading(Typed("ACCUSE", "allege", "", CERTAINTY), owner, evaluated) if _other(owner, speaker) else None
    if failed or evaluated is not None:
        return Reading(Typed("ACCUSE", "allege", "", CERTAINTY), subj, subj_tok)
    return None
