"""The event stage's rule data: verb → PLOVER lexicon, event nouns and closed word lists.

Everything is read once from ``kg/data/lexicon/`` (package data) into plain dicts and
frozensets, so per-token look-ups in the hot loop are O(1).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kg.resources import data_text, parse_yaml


@dataclass(frozen=True)
class Sense:
    """The PLOVER reading of a predicate lemma."""

    event_type: str
    mode: str = ""
    context: str = ""
    source: str = ""


@dataclass(frozen=True)
class ObjectClass:
    """A kind of object a ``by_object`` rule may name as "@name" (words.yaml ``object_classes``)."""

    entities: frozenset[str] = frozenset()  # entity types (kg.model) of a named object
    labels: frozenset[str] = frozenset()  # the parser's entity labels of the object's head
    words: frozenset[str] = frozenset()  # head nouns

    def has(self, head_words: set[str], label: str, entity_type: str) -> bool:
        """Is an object with these head words, parser label and entity type of this class?"""
        return bool(head_words & self.words) or label in self.labels or entity_type in self.entities


@dataclass(frozen=True)
class Lexicon:
    """All rule data of the event stage."""

    verbs: dict[str, Sense]
    nouns: dict[str, str]  # event noun -> verb lemma ("invasion" -> "invade")
    reporting: frozenset[str]
    cognition: frozenset[str]
    intention: frozenset[str]
    modals: frozenset[str]
    conditional: frozenset[str]
    negative: frozenset[str]
    positive: frozenset[str]
    actor_nouns: frozenset[str]
    #: verb -> [(event type, mode, object words)]; a word may be "prep noun" ("into custody")
    by_object: dict[str, list[tuple[str, str, frozenset[str]]]] = field(default_factory=dict)
    light: dict[str, dict[str, str]] = field(default_factory=dict)
    #: verbs of receiving a reaction: "drew criticism from X" is X criticising the subject
    received: dict[str, dict[str, str]] = field(default_factory=dict)
    #: support verbs that stand for the event noun they take as object (words.yaml ``event_support``)
    event_support: frozenset[str] = frozenset()
    stative: dict[str, str] = field(default_factory=dict)
    naming: frozenset[str] = frozenset()
    state_agent_types: frozenset[str] = frozenset()
    symmetric: frozenset[str] = frozenset()
    needs_entity_object: frozenset[str] = frozenset()
    needs_to_complement: frozenset[str] = frozenset()
    allegation: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    negated_is_reject: frozenset[str] = frozenset()
    motion: frozenset[str] = frozenset()
    threat_heads: frozenset[str] = frozenset()
    target_required: frozenset[str] = frozenset()
    threat_content: dict[str, frozenset[str]] = field(default_factory=dict)
    not_events: frozenset[str] = frozenset()
    consequences: frozenset[str] = frozenset()
    naming_predicates: dict[str, str] = field(default_factory=dict)
    #: heads whose "of" complement is the real argument ("thousands of troops", "members of")
    partitives: frozenset[str] = frozenset()
    #: verbs too generic to assert an event: "-" in reviewed.tsv, and words.yaml ``generic_verbs`` and
    #: ``non_event_verbs``
    generic: frozenset[str] = frozenset()
    #: untyped predicates still shown as events (PLOVER OTHER): words.yaml ``other_events``
    other_events: frozenset[str] = frozenset()
    #: police and court acts whose agentless passive is the salient state's act ("were arrested")
    implied_state_acts: frozenset[str] = frozenset()
    #: nouns of people and bodies ("people", "journalists", "groups"): animate targets
    people_nouns: frozenset[str] = frozenset()
    #: nouns of one person ("journalist", "politician"): a demonym before them is a nationality
    person_nouns: frozenset[str] = frozenset()
    #: verbs whose passive subject does their complement ("was forced to cancel")
    object_control: frozenset[str] = frozenset()
    #: modifiers that make an attack words, not force ("verbal attacks")
    verbal_modifiers: frozenset[str] = frozenset()
    #: verbs of commitment typed by their content ("promised to lift" concedes)
    commitment_verbs: frozenset[str] = frozenset()
    #: a state's executive named by a bare definite noun: "the government", "the authorities"
    state_nouns: frozenset[str] = frozenset()
    #: state acts decreed by a government rather than done by its police ("groups were banned")
    decree_acts: frozenset[str] = frozenset()
    #: nouns that name the two states an article is about with "both"/"two": "the two sides"
    pair_nouns: frozenset[str] = frozenset()
    #: adjectives and participles of a stance towards something: "grateful for" thanks, "appalled by" condemns
    stance: dict[str, str] = field(default_factory=dict)
    #: participles whose hyphenated first part is their agent: "Iranian-backed", "Qatar-brokered"
    agentive_participles: frozenset[str] = frozenset()
    #: fixed "X of Y" terms named whole as an argument: "state of emergency", "prisoners of war"
    of_terms: frozenset[str] = frozenset()
    #: verbs of command typed by the act ordered ("ordered the release of")
    command_verbs: frozenset[str] = frozenset()
    #: perception and causative verbs with a passive participle complement ("saw X ousted")
    small_clause_heads: frozenset[str] = frozenset()
    #: cue words for the typed reading of a reporting verb's content (:mod:`kg.events.speech`)
    speech_content: dict[str, frozenset[str]] = field(default_factory=dict)
    #: nouns whose infinitive complement is not (yet) done: "calls to free", "a bid to retake"
    unrealised_nouns: frozenset[str] = frozenset()
    #: the predicate of a speech act read from a quotation, by its type ("accuse" for ACCUSE)
    speech_predicates: dict[str, str] = field(default_factory=dict)
    #: unnamed crowds whose violence is a riot (PROTEST): protesters, rioters, mobs
    crowd_nouns: frozenset[str] = frozenset()
    #: heads whose "in"/"of" complement types the event ("$10 million in aid", "a state of emergency")
    content_heads: frozenset[str] = frozenset()
    #: predicates typed only with an object, named or not ("released the prisoners", not "they released")
    needs_object: frozenset[str] = frozenset()
    #: PLOVER modes by event type and the words of what is asked, refused or threatened (first match)
    content_modes: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    #: purposes that the act itself fulfils: "blocked the motorway to protest subsidies" protests
    realised_purposes: frozenset[str] = frozenset()
    #: modifiers of an event noun that make it not (yet) real ("a planned offensive")
    unrealised_modifiers: frozenset[str] = frozenset()
    #: kinds of object ``by_object`` rules name as "@person", "@place" … (words.yaml ``object_classes``)
    object_classes: dict[str, ObjectClass] = field(default_factory=dict)
    #: first-person wishes that perform the speech act they name ("we would like to congratulate")
    performative_heads: frozenset[str] = frozenset()
    performative_acts: frozenset[str] = frozenset()
    #: casualty verbs whose agentless passive has the conflict's other side as agent ("was killed in
    #: the clash"), and intransitive verbs of death whose subject is the victim ("died in the clash")
    casualty_verbs: frozenset[str] = frozenset()
    death_verbs: frozenset[str] = frozenset()
    #: nouns of armed conflict that place a casualty ("in the clash", "during the fighting")
    conflict_nouns: frozenset[str] = frozenset()
    #: words of a state's regular forces ("soldier", "troops") and of irregular ones ("insurgents")
    regular_forces: frozenset[str] = frozenset()
    irregular_forces: frozenset[str] = frozenset()
    #: forces of several states' contingents, the side a foreign soldier is on ("peace keepers")
    multinational_forces: frozenset[str] = frozenset()

    @cached_property
    def speech(self) -> frozenset[str]:
        """Reporting and cognition verbs together: the verbs whose clause content is attributed.

        Derived once instead of taking the union on every look-up in the per-verb loop.
        """
        return self.reporting | self.cognition

    def is_threat_content(self, predicate: str, obj_words: set[str]) -> bool:
        """Is "predicate object" forceful enough to make a conditional or readiness a threat?"""
        words = self.threat_content.get(predicate)
        return words is not None and ("*" in words or bool(words & obj_words))

    def sense(self, lemma: str) -> Sense | None:
        """The PLOVER sense of a verb lemma, if the lexicon has one."""
        return self.verbs.get(lemma)

    def type_by_object(self, lemma: str, obj_words: set[str]) -> str | None:
        """Event type decided by the object's head words ("impose sanctions" → SANCTION), if any."""
        found = self.sense_by_object(lemma, obj_words)
        return found[0] if found else None

    def object_classes_of(self, head_words: set[str], label: str = "", entity_type: str = "") -> set[str]:
        """The "@name" pseudo-words of the classes an object belongs to, for :meth:`sense_by_object`."""
        return {f"@{name}" for name, cls in self.object_classes.items() if cls.has(head_words, label, entity_type)}

    def sense_by_object(self, lemma: str, obj_words: set[str]) -> tuple[str, str] | None:
        """Event type and PLOVER mode decided by the object ("impose a curfew" → COERCE, curfew)."""
        for etype, mode, words in self.by_object.get(lemma, ()):
            if "*" in words or words & obj_words:
                return etype, mode
        return None


def _lines(name: str) -> list[str]:
    text = data_text(f"lexicon/{name}")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _read_verbs() -> dict[str, Sense]:
    verbs = {}
    for rec in csv.DictReader(_lines("verbs.tsv"), delimiter="\t"):
        verbs[rec["lemma"]] = Sense(rec["event_type"], (rec["mode"] or "").strip(),
                                    (rec["context"] or "").strip(), rec["source"])
    return verbs


def _read_generic() -> frozenset[str]:
    """Lemmas the hand review removed as too generic to be events (``-`` rows of reviewed.tsv).

    (A ``-`` in corrections.tsv only withdraws a CAMEO *type*; "join", "vote", "defend" remain
    events, untyped.)
    """
    return frozenset(rec["lemma"].strip() for rec in csv.DictReader(_lines("reviewed.tsv"), delimiter="\t")
                     if rec["event_type"].strip() == "-")


def _object_classes(words: dict) -> dict[str, ObjectClass]:
    """words.yaml ``object_classes``: each class's entity types, parser labels and the union of the
    word lists it names."""
    out = {}
    for name, spec in (words.get("object_classes") or {}).items():
        heads = frozenset(w for lst in spec.get("lists", ()) for w in words[lst])
        out[name] = ObjectClass(frozenset(spec.get("entities", ())), frozenset(spec.get("labels", ())), heads)
    return out


def _check_classes(by_object: dict[str, list[tuple[str, str, frozenset[str]]]], classes: dict) -> None:
    """A rule naming an undefined class would silently never match: refuse to load it."""
    for verb, rules in by_object.items():
        for _type, _mode, ws in rules:
            unknown = {w for w in ws if w.startswith("@") and w[1:] not in classes}
            if unknown:
                raise ValueError(f"words.yaml by_object {verb!r}: unknown object class {sorted(unknown)}")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load (once per process) the lexicon shipped in ``kg/data/lexicon``."""
    nouns = {r["noun"]: r["verb"] for r in csv.DictReader(_lines("nouns.tsv"), delimiter="\t")}
    words = parse_yaml(data_text("lexicon/words.yaml"))
    # keys are "TYPE" or "TYPE/mode" (the PLOVER mode the object gives: "COERCE/curfew")
    by_object = {verb: [(key.partition("/")[0], key.partition("/")[2], frozenset(ws))
                        for key, ws in rules.items()]
                 for verb, rules in words["by_object"].items()}
    classes = _object_classes(words)
    _check_classes(by_object, classes)
    performative = words.get("performative") or {}
    return Lexicon(
        verbs=_read_verbs(), nouns=nouns,
        reporting=frozenset(words["reporting"]), cognition=frozenset(words["cognition"]),
        intention=frozenset(words["intention"]), modals=frozenset(words["modals"]),
        conditional=frozenset(words["conditional"]), negative=frozenset(words["negative"]),
        positive=frozenset(words["positive"]), actor_nouns=frozenset(words["actor_nouns"]),
        by_object=by_object, light={k: dict(v or {}) for k, v in words["light"].items()},
        received={k: dict(v or {}) for k, v in (words.get("received") or {}).items()},
        stative=dict(words["stative"]), naming=frozenset(words["naming"]),
        state_agent_types=frozenset(words["state_agent_types"]),
        symmetric=frozenset(words["symmetric"]), needs_entity_object=frozenset(words["needs_entity_object"]),
        needs_to_complement=frozenset(words["needs_to_complement"]),
        allegation=frozenset(words["allegation"]), document_nouns=frozenset(words["document_nouns"]),
        negated_is_reject=frozenset(words["negated_is_reject"]), motion=frozenset(words["motion"]),
        threat_heads=frozenset(words["threat_heads"]), target_required=frozenset(words["target_required"]),
        threat_content={k: frozenset(v) for k, v in words["threat_content"].items()},
        not_events=frozenset(words.get("not_events", ())),
        consequences=frozenset(words["consequences"]),
        naming_predicates=dict(words.get("naming_predicates") or {}),
        generic=_read_generic() | frozenset(words.get("generic_verbs", ()))
        | frozenset(v for verbs in (words.get("non_event_verbs") or {}).values() for v in verbs),
        other_events=frozenset(words.get("other_events", ())),
        implied_state_acts=frozenset(words.get("implied_state_acts", ())),
        people_nouns=frozenset(words.get("people_nouns", ())),
        person_nouns=frozenset(words.get("person_nouns", ())),
        object_control=frozenset(words.get("object_control", ())),
        verbal_modifiers=frozenset(words.get("verbal_modifiers", ())),
        commitment_verbs=frozenset(words.get("commitment_verbs", ())),
        state_nouns=frozenset(words.get("state_nouns", ())),
        decree_acts=frozenset(words.get("decree_acts", ())),
        pair_nouns=frozenset(words.get("pair_nouns", ())),
        stance=dict(words.get("stance") or {}),
        agentive_participles=frozenset(words.get("agentive_participles", ())),
        of_terms=frozenset(words.get("of_terms", ())),
        command_verbs=frozenset(words.get("command_verbs", ())),
        small_clause_heads=frozenset(words.get("small_clause_heads", ())),
        event_support=frozenset(words.get("event_support", ())),
        partitives=frozenset(words["partitives"]),
        speech_content={k: frozenset(v) for k, v in (words.get("speech_content") or {}).items()},
        unrealised_nouns=frozenset(words.get("unrealised_nouns", ())),
        speech_predicates=dict(words.get("speech_predicates") or {}),
        crowd_nouns=frozenset(words.get("crowd_nouns", ())),
        content_heads=frozenset(words.get("content_heads", ())),
        unrealised_modifiers=frozenset(words.get("unrealised_modifiers", ())),
        realised_purposes=frozenset(words.get("realised_purposes", ())),
        object_classes=classes, performative_heads=frozenset(performative.get("heads", ())),
        performative_acts=frozenset(performative.get("acts", ())),
        needs_object=frozenset(words.get("needs_object", ())),
        casualty_verbs=frozenset(words.get("casualty_verbs", ())),
        death_verbs=frozenset(words.get("death_verbs", ())),
        conflict_nouns=frozenset(words.get("conflict_nouns", ())),
        regular_forces=frozenset(words.get("regular_forces", ())),
        irregular_forces=frozenset(words.get("irregular_forces", ())),
        multinational_forces=frozenset(words.get("multinational_forces", ())),
        content_modes={t: {k: frozenset(v) for k, v in modes.items()}
                       for t, modes in (words.get("content_modes") or {}).items()},
    )
