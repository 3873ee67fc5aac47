"""Event typing: predicate (+ object) → PLOVER event type, mode and context, and confidence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.events.args import EntityLookup, partitive_complement
from kg.events.clauses import Proposition
from kg.events.lexicon import Lexicon, Sense

#: Lexicon entries a person reviewed for news use (``verbs.tsv`` ``source``), trusted with any
#: arguments; CAMEO's unreviewed defaults are trusted only between two named actors.
REVIEWED = frozenset({"corrections", "reviewed"})
#: How sure a lexicon sense is, by its source: hand corrections, the review, CAMEO's defaults.
CERTAINTY = {"corrections": 0.8, "reviewed": 0.7}
UNREVIEWED_CERTAINTY = 0.55
#: PLOVER types that assert material or coercive action: a "vow" of one is a threat.
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})


@dataclass(frozen=True)
class Typed:
    """The PLOVER reading of a proposition ("" type when none is asserted)."""

    event_type: str = ""
    mode: str = ""
    context: str = ""
    certainty: float = 0.0  # how sure the lexicon is of the type
    no_event: bool = False  # the lexicon says this verb with this object names no event


def _words(tok: Token | None, lex: Lexicon) -> set[str]:
    """The object's head and modifier words; of a partitive ("thousands of troops"), its complement's;
    of an amount ("$10 million in aid") or a state ("a state of emergency"), what it is of; and the
    "@class" of its head ("@person", "@place": :meth:`Lexicon.object_classes_of`)."""
    if tok is None:
        return set()
    tok = partitive_complement(tok, lex) or tok
    head = {tok.lower_, tok.lemma_.lower()}
    words = head | {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    words |= lex.object_classes_of(head, tok.ent_type_)
    if tok.lower_ in lex.content_heads:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                words |= {w for p in prep.children if p.dep_ == "pobj" for w in _words(p, lex)}
    return words


#: Dependents of a verb that complete a support-verb construction besides its object: "took him
#: into custody", "put the army on alert", "went on hunger strike", "declared him persona non grata".
_PHRASE_PREPS = frozenset({"into", "on", "under", "in", "to", "from", "out", "for", "with"})


def _phrase_words(verb: Token) -> set[str]:
    """"prep noun" pairs of the verb's own prepositional phrases ("into custody", "on alert", "on
    strike"), and the words of a nominal predicate complement ("persona non grata")."""
    words: set[str] = set()
    for c in verb.children:
        if c.dep_ == "dobj":  # the direct object when another argument was chosen as target
            words |= {c.lower_, c.lemma_.lower()}
        elif c.dep_ == "prep" and c.lower_ in _PHRASE_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    words |= {f"{c.lower_} {p.lower_}", f"{c.lower_} {p.lemma_.lower()}"}
                    words |= {f"{c.lower_} {m.lower_}" for m in p.children if m.dep_ in ("compound", "amod")}
        elif c.dep_ in ("oprd", "xcomp") and c.pos_ in ("NOUN", "PROPN", "ADJ", "X"):
            words |= {t.lower_ for t in c.subtree}
    return words


#: How much a clause's place in the sentence lowers the certainty of its type: the main assertion
#: outranks background clauses (relative, adverbial, participial) and event nouns.
BACKGROUND = {"relcl": 0.85, "acl": 0.85, "advcl": 0.9, "pcomp": 0.9, "nominal": 0.85}
#: A later conjunct ("imposed a curfew and deployed troops"): news states the main act first.
CONJUNCT = 0.9


def salience(verb: Token) -> float:
    """1.0 for a main clause (or its reported content), less for background clauses and later conjuncts."""
    if verb.pos_ == "NOUN":  # an event noun: background, and as far down as the clause it lies in
        clause = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        return BACKGROUND["nominal"] * (salience(clause) if clause is not None else 1.0)
    if verb.head.pos_ in ("NOUN", "PROPN") and verb.head is not verb:
        return BACKGROUND["acl"]  # the content of a noun: "allegations he ordered …", "the plan to …"
    tok, factor = verb, 1.0
    while tok.dep_ == "conj" and tok.head is not tok:
        tok, factor = tok.head, CONJUNCT
    return factor * BACKGROUND.get(tok.dep_, 1.0)


def _inner_types(verb: Token, lex: Lexicon) -> set[str]:
    """The lexicon types of a verb's infinitive or clausal content ("promised to return the land"),
    by its object first (:meth:`Lexicon.sense_by_object`)."""
    types = set()
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp"):
            obj = next((o for o in c.children if o.dep_ == "dobj"), None)
            found = lex.sense_by_object(c.lemma_.lower(), _words(obj, lex))
            sense = lex.sense(c.lemma_.lower())
            if found or sense:
                types.add(found[0] if found else sense.event_type)
    return types


def _commanded(obj: Token | None, lex: Lexicon) -> Typed | None:
    """The type of an ordered act named by an event noun: "the release of X", "the dispatch of food"."""
    verb = lex.nouns.get(obj.lemma_.lower()) if obj is not None else None
    if verb is None:
        return None
    inner = next((p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "of"
                  for p in prep.children if p.dep_ == "pobj"), None)
    found = lex.sense_by_object(verb, _words(inner, lex))
    sense = lex.sense(verb)
    if found and found[0] == "-":
        return None
    if found:
        return Typed(found[0], found[1], "", 0.7)
    if sense is not None and sense.source in REVIEWED and verb not in lex.by_object:
        return Typed(sense.event_type, sense.mode, sense.context, 0.7)
    return None


#: Dependents of a naming verb that are not part of "call X Y" (other clauses, the subject).
_NOT_COMPLEMENT = frozenset({"conj", "cc", "nsubj", "nsubjpass", "advcl", "punct", "mark", "aux", "neg"})


def _complement_words(verb: Token) -> set[str]:
    """Words of "call/describe X (as) Y": the verb's own dependents, other clauses excluded
    (the parser attaches Y as oprd, xcomp, acl, appos or an "as" phrase, on the verb or on X)."""
    words: set[str] = set()
    for c in verb.children:
        if c.dep_ not in _NOT_COMPLEMENT:
            words |= {t.lower_ for t in c.subtree}
    return words


#: Dependents that carry the Y of "call X Y" / "describe X as Y".
_NAMING_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "attr"})


def _names_as(verb: Token) -> bool:
    """Does the naming verb have a "Y" ("called the vote a sham", "described it as …"), on itself or
    on its object?"""
    for c in verb.children:
        if c.dep_ in _NAMING_DEPS or (c.dep_ == "prep" and c.lower_ == "as"):
            return True
        if c.dep_ in ("dobj", "nsubjpass") and any(g.dep_ in ("appos", "oprd", "acl") for g in c.children):
            return True
    return False


def _warning(verb: Token, consequences: frozenset[str]) -> str:
    """THREATEN for a warning with a stated consequence, ACCUSE for a warning at a target."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp"):
            if any(a.dep_ == "aux" and a.lower_ in ("will", "would", "could") for a in c.children):
                return "THREATEN"
            if any(a.dep_ == "advcl" for a in c.children):
                return "THREATEN"
        if c.dep_ == "prep" and c.lower_ in ("of", "against") and \
                any(t.lower_ in consequences or t.lemma_ in consequences for t in c.subtree):
            return "THREATEN"
    if any(c.dep_ in ("dobj",) for c in verb.children):
        return "ACCUSE"
    return ""


def _entity_classes(prop: Proposition, lex: Lexicon, index: EntityLookup | None) -> set[str]:
    """The "@class" of the entity the object itself names ("stopped Morgan Tsvangirai": a person);
    not of one only modifying it ("Tsvangirai's supporters", "US troops", quality below 1)."""
    if index is None or not prop.obj.key or prop.obj.quality < 1.0:
        return set()
    ent = index.entity(prop.obj.key)
    return lex.object_classes_of(set(), "", ent.type) if ent is not None else set()


def classify(prop: Proposition, lex: Lexicon, index: EntityLookup | None = None) -> Typed:
    """The event type of a proposition from the lexicon, its certainty scaled by the clause's
    salience (:func:`salience`); ``index`` gives the kind of a named object (``by_object`` classes)."""
    typed = _classify(prop, lex, index)
    if not typed.event_type:
        return typed
    mode = typed.mode or _content_mode(prop.verb, typed.event_type, lex)
    return Typed(typed.event_type, mode, typed.context, round(typed.certainty * salience(prop.verb), 3))


#: Dependents of a request, refusal or threat that say what it is about.
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "prep", "nsubjpass", "advcl"})


def _content_mode(verb: Token, event_type: str, lex: Lexicon) -> str:
    """PLOVER mode of a request, refusal or threat from what it is about ("urged X to free …" →
    yield, "threatened to cut ties" → relations); "" when its words name none of the codebook's modes."""
    modes = lex.content_modes.get(event_type)
    if not modes:
        return ""
    whole = event_type == "ASSAULT"  # the means may be the attacker: "drones attacked", "a suicide bomber"
    tokens = [t for c in verb.children if whole or c.dep_ in _CONTENT_DEPS for t in c.subtree]
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    return next((mode for mode, cues in modes.items() if cues & words), "")


def _classify(prop: Proposition, lex: Lexicon, index: EntityLookup | None = None) -> Typed:
    """The event type of a proposition from the lexicon, with the special cases of the brief."""
    verb = prop.verb
    if verb.pos_ == "NOUN" and any(c.lower_ in lex.unrealised_modifiers for c in verb.children
                                   if c.dep_ in ("amod", "compound")):
        return Typed()  # "its planned offensive", "a possible attack": not (yet) an event
    lemma = verb.lemma_.lower()
    pred = prop.predicate
    if lemma in lex.naming and pred == lemma:
        words = _complement_words(verb)
        if words & lex.negative:
            return Typed("ACCUSE", "disapprove", "", 0.7)
        if words & lex.positive:
            return Typed("SUPPORT", "", "diplomatic", 0.6)
        found = None if _names_as(verb) else lex.sense_by_object(pred, _words(prop.obj_token, lex))
        if found and found[0] != "-":
            return Typed(found[0], found[1], "", 0.8)  # no "X Y": "called a conference", "called a strike"
        return Typed()
    if lemma == "warn":
        etype = _warning(verb, lex.consequences)
        return Typed(etype, "", "", 0.7) if etype else Typed()
    if (lemma == "vow" or lemma == "pledge") and (by_obj := lex.type_by_object(lemma, _words(prop.obj_token, lex))):
        return Typed(by_obj, "", "", 0.75)  # "pledged support for Ukraine", "pledged aid to Gaza"
    if lemma in lex.commitment_verbs and pred == lemma:
        inner_types = _inner_types(verb, lex)
        if inner_types & {"RETREAT", "CONCEDE"}:
            # PLOVER CONCEDE: a promised concession ("promised to return the land", "offered to lift")
            return Typed("CONCEDE", "", "", 0.75)
    if lemma == "vow" or lemma == "pledge":
        inner = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        if _inner_types(verb, lex) & FORCEFUL or any(t.lower_ == "war" for c in inner for t in c.subtree):
            return Typed("THREATEN", "", "", 0.75)
        return Typed("AGREE", "", "diplomatic", 0.6)
    ordered_tok = next((c for c in verb.children if c.dep_ == "dobj"), prop.obj_token)  # not the chosen target
    if lemma in lex.command_verbs and pred == lemma and (ordered := _commanded(ordered_tok, lex)) is not None:
        return ordered
    if pred in lex.needs_entity_object and not prop.obj.key and not any(c.dep_ == "xcomp" for c in verb.children):
        return Typed()  # ("offered to mediate" is an offer without a named partner)
    if pred in lex.needs_object and not prop.obj and \
            not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return Typed()  # "they released": what was released is not said ("turned it over" says it)
    if pred in lex.needs_to_complement and not any(
            (c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "xcomp" for c in verb.children):
        return Typed()
    obj_words = _words(prop.obj_token, lex) | _phrase_words(verb) | _entity_classes(prop, lex, index)
    # (the bare verb's readings only when a particle verb has none of its own: "called for talks"
    # is a request, not the "called talks" of a convener)
    found = lex.sense_by_object(pred, obj_words) or \
        (lex.sense_by_object(lemma, obj_words) if pred == lemma or lex.sense(pred) is None else None)
    sense: Sense | None = lex.sense(pred) or (lex.sense(lemma) if pred == lemma else None)
    if found:
        by_obj, mode = found
        if by_obj == "-":
            return Typed(no_event=True)  # "released a video", "fighting for rights": no event with this object
        if by_obj == "OTHER":
            return Typed()  # "signed a decree": an event PLOVER leaves untyped
        same = sense is not None and sense.event_type == by_obj
        return Typed(by_obj, mode or (sense.mode if same else ""), sense.context if same else "", 0.8)
    if lemma in lex.by_object and pred == lemma and (sense is None or sense.source not in REVIEWED):
        return Typed()  # an object-typed verb whose object fits none of its readings
    if sense is None:
        return Typed()
    if sense.event_type in ("SUPPORT", "AGREE", "COOPERATE") and not prop.obj and \
            any(c.dep_ == "ccomp" for c in verb.children):
        return Typed()  # "we reaffirm that …", "recognizing that …": a statement, not an act
    certainty = CERTAINTY.get(sense.source, UNREVIEWED_CERTAINTY)
    if sense.source not in REVIEWED and not (prop.obj.key and prop.subject.key):
        # CAMEO's generic defaults are only trusted between two named actors
        return Typed()
    return Typed(sense.event_type, sense.mode, sense.context, certainty)


def negate(typed: Typed, predicate: str, lex: Lexicon) -> Typed:
    """The type of a negated event: "never accept" is a REJECT; any other non-event is untyped."""
    if typed.event_type and predicate in lex.negated_is_reject:
        return Typed("REJECT", "", typed.context, typed.certainty * 0.9)
    return Typed()
