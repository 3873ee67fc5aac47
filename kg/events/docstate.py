"""What the event stage remembers while reading one document: the author, quotation speakers, the
latest actors (fallback antecedents of pronouns), the latest coercer (implied agent of agentless
arrests), the state the article is about and the sides of its armed encounters (implied agents of
agentless casualties, :mod:`kg.events.conflict`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from kg.events.args import NONE, Arg, EntityLookup
from kg.events.clauses import Proposition
from kg.events.conflict import Encounter
from kg.model import LOCATION, PERSON

#: How many sentences an arrest's (or abduction's) actor stays the implied agent of agentless ones.
IMPLIED_AGENT_WINDOW = 3


@dataclass
class DocState:
    """What the event stage remembers while reading one document."""

    author: Arg
    quoted: dict[int, Arg]  # token index -> speaker of the quotation it lies in
    last_person: Arg = NONE  # subject of the latest sentence whose main subject is a person
    last_actor: Arg = NONE  # ... a state, organisation or group
    coercer: Arg = NONE  # actor of the latest typed arrest (COERCE) or abduction of the document
    coercer_sentence: int = -1
    salient: Arg = NONE  # the state the article is about (kg.events.salience)
    author_state: Arg = NONE  # the state of a person who authored the document: its "we"
    pair: tuple[Arg, Arg] | None = None  # the two states an article is about ("the two sides")
    encounters: list[Encounter] = field(default_factory=list)  # sides of the violence read so far

    def remember(self, sent: Span, props: list[Proposition], index: EntityLookup) -> None:
        """Note the main-clause subject of a sentence, the likeliest antecedent of the next pronoun."""
        for prop in props:
            if prop.verb != sent.root or not prop.subject.key:
                continue
            ent = index.entity(prop.subject.key)
            if ent is None or ent.type == LOCATION:
                continue
            if ent.type == PERSON:
                self.last_person = prop.subject
            else:
                self.last_actor = prop.subject

    def implied_agent(self, si: int, anywhere: bool = False) -> Arg:
        """The agent of an agentless arrest, release or abduction in sentence ``si``: the actor of
        the document's latest active arrest or abduction, if it lies at most ``IMPLIED_AGENT_WINDOW``
        sentences back ("Police arrested Tsvangirai … He was released" — the police released him), or
        anywhere before when ``anywhere``."""
        if self.coercer and 0 <= si - self.coercer_sentence <= (si if anywhere else IMPLIED_AGENT_WINDOW):
            return Arg(key=self.coercer.key, text=self.coercer.text, quality=0.7)
        return NONE

    def recent(self, pronoun: str) -> Arg:
        """Fallback antecedent of a pronoun the entity stage left unresolved."""
        if pronoun in ("he", "she"):
            return Arg(key=self.last_person.key, quality=0.7) if self.last_person else NONE
        if pronoun in ("it", "they"):
            return Arg(key=self.last_actor.key, quality=0.7) if self.last_actor else NONE
        return NONE
