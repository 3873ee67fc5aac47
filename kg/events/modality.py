"""Negation and modality: is a proposition asserted, denied, or only possible/planned?"""

from __future__ import annotations

from spacy.tokens import Token

from kg.events.lexicon import Lexicon
from kg.events.typing import Typed

#: Links through which the governing clause's modality reaches a dependent clause.
_CONTENT = ("xcomp", "ccomp", "advcl", "conj", "pcomp", "prep", "pobj")


def negated(verb: Token) -> bool:
    """True for "did not …", "never …" on the verb, or a subject quantified by "no" ("no other member
    of the United Nations has recognized …")."""
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return True
    return False


def _own_hypothetical(verb: Token, lex: Lexicon) -> str:
    """"modal" ("could impose"), "condition" ("… if needed", "if Zimbabwe elects …") or ""."""
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in lex.modals:
            return "modal"
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional for m in c.children):
            return "condition"  # "we will take action if needed": the consequence of a condition
        if c.dep_ == "mark" and c.lower_ in lex.conditional:
            return "condition"
    return ""


def _intends(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    # (the word form too: the small model lemmatises "hopes" as "hop")
    return lemma in lex.intention or tok.lower_ in lex.intention or \
        lex.stative.get(tok.lower_, "") in lex.intention or lemma == "deny" or _prospective(tok)


def _prospective(tok: Token) -> bool:
    """ "are going to attack": the prospective "be going to", a plan or prediction, not a fact."""
    return tok.lower_ == "going" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)


def conditional_threat(verb: Token, lex: Lexicon) -> bool:
    """Is ``verb`` the consequence in a conditional or the content of a readiness/vow ("we will take
    action if needed", "prepared to take further measures", "willing to take up arms")?"""
    if _own_hypothetical(verb, lex) == "condition":
        return True
    head = verb.head
    while verb.dep_ == "conj" and head is not verb.head.head:
        verb, head = head, head.head
    if verb.dep_ in ("xcomp", "pcomp") or (verb.dep_ == "pobj"):
        gov = head.head if head.dep_ == "prep" else head
        return lex.stative.get(gov.lower_, gov.lemma_.lower()) in lex.threat_heads
    return False


#: The only modal a performative wish may carry: "we would like to thank" ("'d": "I'd like to").
_POLITE = frozenset({"would", "'d"})


def performative(verb: Token, lex: Lexicon) -> bool:
    """ "We would like to congratulate …", "I want to thank …": a first-person wish to perform a
    speech act performs it (words.yaml ``performative``), unless denied or conditional."""
    head = verb.head
    if verb.dep_ != "xcomp" or verb.lemma_.lower() not in lex.performative_acts or \
            head.lemma_.lower() not in lex.performative_heads or negated(head) or negated(verb):
        return False
    if _own_hypothetical(head, lex) == "condition" or \
            any(c.dep_ == "aux" and c.lower_ in lex.modals and c.lower_ not in _POLITE for c in head.children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in head.children)


def _purpose(verb: Token, lex: Lexicon) -> bool:
    """An infinitive of purpose ("… to help fight"), unless the act fulfils it ("… to protest")."""
    return verb.dep_ == "advcl" and verb.lemma_.lower() not in lex.realised_purposes and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _subjunctive(verb: Token) -> bool:
    """A mandative subjunctive: a bare verb with no tense of its own ("that Britain release the
    tanker", "that the vote be postponed"), unlike a reported fact ("that Ecuador has not done
    enough")."""
    if verb.tag_ == "VB" and not any(c.dep_ == "aux" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in verb.children) \
        and not any(c.dep_ == "aux" for c in verb.children)


def hypothetical(verb: Token, lex: Lexicon) -> tuple[bool, Token | None]:
    """Whether ``verb`` is not asserted as fact, and the governing intention/denial verb if any.

    Modal auxiliaries, conditionals, and the content of intention verbs ("plans to", "threatened
    to", "vowed to") and of denials ("denied that …") are hypothetical.
    """
    if _own_hypothetical(verb, lex):
        return True, None
    if performative(verb, lex):
        return False, None  # "we would like to congratulate the people": the congratulation itself
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and verb.dep_ == "acl" and verb.head.lemma_.lower() in lex.unrealised_nouns:
        return True, verb.head  # "calls to free the writer", "a bid to retake the town": not done
    if _purpose(verb, lex):
        return True, verb.head  # a purpose: "sent troops to help fight the Islamic State" (not yet done)
    tok = verb
    for _ in range(6):
        if tok.dep_ not in _CONTENT or tok.head is tok:
            break
        via = tok.dep_
        tok = tok.head
        lemma = tok.lemma_.lower()
        if via in ("xcomp", "ccomp", "pcomp", "prep", "pobj") and _intends(tok, lex):
            return True, tok
        if via in ("pcomp", "prep", "pobj", "ccomp") and lemma in lex.allegation:
            return True, tok  # an allegation is not a fact
        sense = lex.sense(lemma)
        if via in ("xcomp", "advcl") and infinitive and tok.i == verb.head.i and sense is not None \
                and sense.event_type == "REJECT":
            return True, tok  # "rebuffed calls to free him", "refused to withdraw": not done
        if via == "xcomp" and sense is not None and sense.event_type == "REQUEST":
            return True, tok  # what someone is urged or asked to do has not happened
        if via == "ccomp" and sense is not None and sense.event_type == "REQUEST" and _subjunctive(verb):
            return True, tok  # "demanded that Britain release the tanker": not released (yet)
        if via == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in verb.children) \
                and (lex.sense(f"{lemma} for") or sense) is not None:
            return True, tok  # "called for the vote to be postponed": not postponed yet
        if via == "xcomp" and any(p.dep_ == "prep" and lex.sense(f"{lemma} {p.lower_}") is not None
                                  and lex.sense(f"{lemma} {p.lower_}").event_type == "REQUEST"
                                  for p in tok.children):
            return True, tok  # "called on X to …"
        if via in ("xcomp", "ccomp", "conj") and _own_hypothetical(tok, lex):
            return True, tok
        if via == "advcl" and _own_hypothetical(tok, lex) and \
                any(m.dep_ == "mark" and m.lower_ in ("until", "before", "once") for m in verb.children):
            return True, tok  # "should be suspended until he allows elections": not asserted either
        if via in ("xcomp", "conj") and _purpose(tok, lex):
            return True, tok  # "to help train the rebels": what the purpose governs is not done either
        if via == "ccomp":
            break  # reported speech keeps the reported clause's own modality
    return False, None


#: PLOVER v2.0: a promised concession or withdrawal is CONCEDE ("promised easing"); aid or
#: cooperation announced by its giver is coded as that act (eval/GUIDELINES.md: "said they would
#: send a team" is the sending).
PROMISED = {"RETREAT": "CONCEDE", "CONCEDE": "CONCEDE", "AID": "AID", "COOPERATE": "COOPERATE"}
#: Pronouns by which a reported clause names its own speaker ("Mali said it would lift …").
_SELF = frozenset({"it", "they", "we", "he", "she", "i"})


def announced_commitment(verb: Token, typed: Typed, lex: Lexicon) -> Typed:
    """The reading of a hypothetical clause that is its speaker's own announced commitment:
    "the junta announced it would lift the suspension" is a CONCEDE, "Tokyo said it would send
    aid" an AID. Anything else hypothetical stays untyped."""
    promised = PROMISED.get(typed.event_type)
    if promised is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lex.reporting:
        return Typed()
    if not any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
        return Typed()  # only the future of reported speech: "could", "might" stay possibilities
    if any(c.dep_ in ("aux", "auxpass") and (c.lower_ == "to" or c.lower_ in lex.modals) for c in verb.head.children):
        return Typed()  # "he would write to say he would cooperate": the saying itself is not done
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    head_subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.lower_ in _SELF or (head_subj is not None and subj.lower_ == head_subj.lower_)):
        return Typed()  # a commitment is the speaker's own
    return Typed(promised, "", typed.context, typed.certainty * 0.9)
