"""Proposition finding: one proposition per verbal head of spaCy's dependency parse.

Rules (dependency labels are ClearNLP's, as produced by spaCy's English pipelines):
- subject: ``nsubj``; passive ``nsubjpass`` becomes the object and the ``agent`` the subject;
- conjoined verbs share their subject (``conj`` inherits it), never their object;
- ``xcomp``/participial ``advcl`` take their controller (the object of "instruct X to ...",
  else the governor's subject); relative clauses and participles (``relcl``/``acl``) take the
  noun they modify as subject, or as object when passive;
- phrasal verbs ("call for", "cut off") and light verbs ("took … prisoner") name the predicate.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.events.args import NONE, RELATIVIZERS, Arg, EntityLookup, noun_arg
from kg.events.deps import ACTOR_LABELS, CLAUSAL, PASS_SUBJ, SUBJ, TARGET_PREPS, TEMPORAL, child
from kg.events.lexicon import Lexicon
from kg.events.targets import (
    better_target,
    destination,
    light_target,
    reaction_giver,
    shared_object,
)


@dataclass
class Proposition:
    """A verbal head with its resolved arguments, before typing and qualifiers."""

    verb: Token
    predicate: str
    subject: Arg
    obj: Arg
    obj_token: Token | None = None
    passive: bool = False


def is_event_head(tok: Token, lex: Lexicon) -> bool:
    """True for the verbs (and commitment adjectives: "we are committed to") that head a proposition."""
    pos = tok.pos_  # called on every token of a document
    if pos == "VERB":
        # "co-directed" is tokenised co / - / directed: only the last part is the verb
        return tok.dep_ in CLAUSAL and tok.text.isalpha() and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-")
    return pos == "ADJ" and tok.dep_ == "acomp" and (tok.lower_ in lex.stative or tok.lower_ in lex.stance)


def _small_clause_passive(verb: Token, lex: Lexicon) -> bool:
    """A bare past participle with a subject as the complement of a perception or causative verb:
    "saw Ben Ali ousted from office", "had him arrested" — the subject is the one acted on."""
    # the small model often tags such a participle VBD: the governor and the missing object decide
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("ccomp", "xcomp") and \
        verb.head.lemma_.lower() in lex.small_clause_heads and child(verb, ("nsubj",)) is not None \
        and child(verb, ("aux", "auxpass", "dobj")) is None


def _is_passive(verb: Token, lex: Lexicon) -> bool:
    if child(verb, PASS_SUBJ) is not None or child(verb, ("auxpass",)) is not None:
        return True
    if _small_clause_passive(verb, lex):
        return True
    # participles modifying a noun ("hostages taken by Hamas") are passive when past; a finite
    # clause the parser hangs off a noun is not ("the news that the EU has called for …")
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and child(verb, ("nsubj", "aux")) is None


def _late_agent(verb: Token) -> Token | None:
    """A "by" phrase the parser hung off the passive's complement: "charged with corruption by
    Egyptian authorities", "taken into custody for 15 days by prosecutors". Only an actor's name or
    an actor noun is an agent ("by helicopter" is not); the caller checks the noun."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ == "by":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            by = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            agent = child(by, ("pobj",)) if by is not None else None
            if agent is not None and (agent.ent_type_ in ACTOR_LABELS or agent.tag_ in ("NNS", "NNPS")
                                      or agent.pos_ == "PROPN"):
                return agent
    return None


def subject_token(verb: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """The token naming the actor of ``verb``, following control and coordination."""
    if depth > 6:
        return None
    passive = _is_passive(verb, lex)
    if passive:
        agent = child(verb, ("agent",))
        if agent is not None:
            return child(agent, ("pobj",))
        late = _late_agent(verb)
        if late is not None:
            return late
    else:
        subj = child(verb, SUBJ)
        if subj is not None:
            if subj.lower_ in RELATIVIZERS and verb.dep_ == "relcl":
                return verb.head
            return subj
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
        # conjoined verbs share the subject, with the same voice only
        return None if passive != _is_passive(head, lex) else subject_token(head, lex, depth + 1)
    if passive:
        return None
    if verb.dep_ in ("xcomp", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "xcomp" and _is_passive(head, lex) and child(head, PASS_SUBJ) is not None and \
                head.lemma_.lower() in lex.object_control:
            # the one made to act acts: "The President was forced to cancel …", "X was asked to leave"
            patient = child(head, PASS_SUBJ)
            return head.head if patient.lower_ in RELATIVIZERS and head.dep_ == "relcl" else patient
        if verb.dep_ == "xcomp":
            # object control: "instructed Sybiha to …", "called on Sarkozy to …"
            controller = child(head, ("dobj",))
            if controller is None:
                prep = next((p for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "upon")), None)
                controller = child(prep, ("pobj",)) if prep is not None else None
            if controller is not None and controller.i < verb.i:
                return controller
        return subject_token(head, lex, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "NOUN", "PROPN"):
        gov = head.head
        if gov.pos_ != "VERB":
            # "accused the military of violating …": the prepositional phrase hangs off the object
            if head.lower_ in ("of", "for") and gov.dep_ in ("dobj",):
                return gov
            return subject_token(gov.head, lex, depth + 1) if gov.head.pos_ == "VERB" else None
        controller = child(gov, ("dobj",))
        if head.lower_ in ("of", "for", "into", "from") and controller is not None and controller.i < head.i:
            return controller  # "thanked France for pressuring …", "tricked FARC into handing …"
        return subject_token(gov, lex, depth + 1)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "the Red Shirts, a protest group which has supported …": the named head of the apposition
        return head.head if head.dep_ == "appos" and head.head.pos_ == "PROPN" else head
    if verb.dep_ == "acomp" and head.pos_ in ("AUX", "VERB"):
        return subject_token(head, lex, depth + 1)
    return None


def object_token(verb: Token, passive: bool, lex: Lexicon) -> tuple[Token | None, str]:
    """The target token of ``verb`` and the preposition (if any) that introduced it."""
    if passive:
        subj = child(verb, PASS_SUBJ) or (child(verb, ("nsubj",)) if _small_clause_passive(verb, lex) else None)
        if subj is not None:
            if subj.lower_ in RELATIVIZERS and verb.dep_ == "relcl":
                return verb.head, ""
            return subj, ""
        if verb.dep_ in ("acl", "relcl"):
            return verb.head, ""
        return None, ""
    if verb.dep_ == "relcl":
        obj = child(verb, ("dobj",))
        if obj is not None and obj.lower_ in RELATIVIZERS:
            return verb.head, ""
        if obj is None and child(verb, ("oprd",)) is not None:
            return verb.head, ""  # "an incident the US called outrageous": the gap is the head noun
    for deps in (("dobj",), ("dative",), ("attr", "oprd")):
        obj = child(verb, deps)
        if obj is not None:
            return obj, ""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS:
            pobj = child(prep, ("pobj",))
            if pobj is not None and pobj.ent_type_ not in TEMPORAL:
                return pobj, prep.lower_
    return None, ""


def _phrasal(verb: Token, lex: Lexicon) -> tuple[str, Token | None]:
    """Predicate for particle/preposition verbs ("cut off", "call for") and its target, if any."""
    lemma = verb.lemma_.lower()
    prt = child(verb, ("prt",))
    if prt is not None:
        # a verb with its particle is its own lexeme ("take over" is not "take"): typed only by its
        # own lexicon entry, never by the head verb's
        return f"{lemma} {prt.lower_}", None
    clause = for_clause(verb)
    if clause is not None and f"{lemma} for" in lex.verbs:
        # "called for Mubarak to stand trial", "called for the vote to be postponed": the parser
        # makes "for" the mark of an infinitive clause; its subject is what is called for
        return f"{lemma} for", child(clause, SUBJ + PASS_SUBJ)
    for prep in verb.children:
        # the preposition of a phrasal verb follows it ("For example, X called …" is no "call for")
        if prep.dep_ == "prep" and prep.i > verb.i:
            cand = f"{lemma} {prep.lower_}"
            if cand in lex.verbs or cand in lex.event_support:  # "turned to attacks": a support verb
                return cand, child(prep, ("pobj",))
    return lemma, None


def for_clause(verb: Token) -> Token | None:
    """The infinitive clause "for X to …" of ``verb`` ("called for X to resign"), if any."""
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            return c
    return None


def _typed_by_object(predicate: str, obj_tok: Token, lex: Lexicon) -> bool:
    """Whether the lexicon types ``predicate`` by this object itself ("began a strike" is a labour
    strike, PROTEST, not the military strike the noun would give)."""
    words = {obj_tok.lower_, obj_tok.lemma_.lower()}
    return any(words & object_words for _type, _mode, object_words in lex.by_object.get(predicate, ()))


def _document_author(verb: Token, subj: Token | None, lex: Lexicon) -> Token | None:
    """A text acts for its issuer: in "issued a statement welcoming …" the issuer welcomes."""
    if subj is None or subj.lemma_.lower() not in lex.document_nouns or verb.dep_ != "acl":
        return subj
    if subj.dep_ == "dobj" and subj.head.pos_ == "VERB":
        issuer = subject_token(subj.head, lex)
        if issuer is not None:
            return issuer
    return subj


def _stance(verb: Token, index: EntityLookup, lex: Lexicon) -> Proposition | None:
    """A stance taken towards something: "we are grateful for the work of the UN tribunals" thanks
    them, "Germany is appalled by the execution" condemns it (words.yaml ``stance``). The "by"
    phrase of such a participle is what it reacts to, not an agent; without one, no stance event."""
    predicate = lex.stance.get(verb.lower_)
    if predicate is None or not ((verb.pos_ == "ADJ" and verb.dep_ == "acomp") or verb.tag_ == "VBN"):
        return None
    stimulus = next((p for prep in verb.children if prep.dep_ in ("prep", "agent")
                     and prep.lower_ in ("about", "by", "at", "over", "with", "for", "to", "of")
                     for p in prep.children if p.dep_ == "pobj"), None)
    holder = child(verb, PASS_SUBJ) or subject_token(verb, lex)
    if stimulus is None or holder is None:
        return None
    return Proposition(verb=verb, predicate=predicate, subject=noun_arg(holder, index, lex, subject=True),
                       obj=noun_arg(stimulus, index, lex), obj_token=stimulus)


def proposition(verb: Token, index: EntityLookup, lex: Lexicon) -> Proposition:
    """Build the proposition headed by ``verb``."""
    stance = _stance(verb, index, lex)
    if stance is not None:
        return stance
    if verb.pos_ == "ADJ":
        subj_tok = subject_token(verb, lex)
        subject = noun_arg(subj_tok, index, lex, subject=True) if subj_tok is not None else NONE
        predicate = lex.stative.get(verb.lower_) or lex.stance[verb.lower_]  # (a stance about nothing named)
        return Proposition(verb=verb, predicate=predicate, subject=subject, obj=NONE)
    passive = _is_passive(verb, lex)
    if passive and verb.lower_ in lex.stative and child(verb, ("agent",)) is None:
        # "we are resolved to …" is a state of the subject, not something done to it
        subj_tok = child(verb, PASS_SUBJ)
        subject = noun_arg(subj_tok, index, lex, subject=True) if subj_tok is not None else NONE
        return Proposition(verb=verb, predicate=lex.stative[verb.lower_], subject=subject, obj=NONE)
    predicate, target = _phrasal(verb, lex)
    obj_tok, _prep = (target, "") if target is not None else object_token(verb, passive, lex)
    if obj_tok is None and not passive:
        obj_tok = shared_object(verb, predicate, lex)
    lemma = verb.lemma_.lower()
    light_noun = None
    light_verbs = lex.light.get(predicate) or lex.light.get(lemma)
    light = light_verbs.get(obj_tok.lower_) if obj_tok is not None and light_verbs else None
    if light is None and obj_tok is not None and (predicate in lex.event_support or lemma in lex.event_support) \
            and not _typed_by_object(predicate, obj_tok, lex):
        light = lex.nouns.get(obj_tok.lemma_.lower())  # "initiated clashes": the clash itself
    if light:
        predicate = light
        light_noun, obj_tok = obj_tok, light_target(verb, obj_tok)
    if obj_tok is not None and obj_tok.ent_type_ in TEMPORAL:
        obj_tok = None
    subj_tok = _document_author(verb, subject_token(verb, lex), lex)
    reaction = lex.received.get(lemma, {}).get(obj_tok.lemma_.lower()) if obj_tok is not None else None
    giver_tok = reaction_giver(verb, obj_tok) if reaction and not passive else None
    if giver_tok is not None:
        # "the move drew condemnation from the EU": the EU condemns the move
        predicate, obj_tok, subj_tok = reaction, subj_tok, giver_tok
    subject = noun_arg(subj_tok, index, lex, subject=True) if subj_tok is not None else NONE
    obj = noun_arg(obj_tok, index, lex) if obj_tok is not None else NONE
    if not obj and light_noun is not None:
        # the event noun itself ("launched its invasion"), never its possessor, who is the actor
        obj, obj_tok = Arg(text=light_noun.lower_, i=light_noun.i, quality=0.4), light_noun
    if not obj and subj_tok is not None and predicate in lex.symmetric:
        # "Medvedev and Kokoity, who met …": each is the other's partner
        others = [c for c in subj_tok.conjuncts if c.pos_ in ("PROPN", "NOUN")]
        if others:
            obj_tok = others[0]
            obj = noun_arg(obj_tok, index, lex)
    if obj and subject and (obj.i == subject.i or (obj.key and obj.key == subject.key)):
        # not an event between an actor and itself: "stressing its commitment" is about the
        # commitment; "the regime meets its commitments" about the commitments
        own = obj_tok is not None and obj_tok.pos_ in ("NOUN",) and not index.key_at(obj_tok.i)
        obj = Arg(text=obj_tok.lower_, i=obj_tok.i, quality=0.4) if own else NONE
    if not obj and verb.lemma_.lower() in lex.motion:
        obj_tok = destination(verb)
        obj = noun_arg(obj_tok, index, lex) if obj_tok is not None else NONE
    obj = better_target(verb, obj, index, lex, subject.key)
    return Proposition(verb=verb, predicate=predicate, subject=subject, obj=obj,
                       obj_token=obj_tok, passive=passive)
