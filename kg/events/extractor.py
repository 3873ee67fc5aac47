"""The event stage: from a parsed ``Doc`` and its entity index to :class:`kg.model.Event` records."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.events.anaphora import thing_antecedent
from kg.events.args import FIRST_PERSON, NONE, Arg, EntityLookup, conjuncts, noun_arg
from kg.events.attribution import according_to, quotation_speakers, reporting_governor, speaker
from kg.events.author import find_author
from kg.events.clauses import Proposition, is_event_head, proposition
from kg.events.conflict import casualty, deadly_fighting, encounter, killing, opponent
from kg.events.dates import clause_date, dates_by_sentence
from kg.events.deps import child
from kg.events.docstate import DocState
from kg.events.evidence import clause_span, in_quote
from kg.events.lexicon import Lexicon, load_lexicon
from kg.events.modality import announced_commitment, conditional_threat, hypothetical, negated
from kg.events.nominal import nominal_propositions, participle_propositions
from kg.events.places import clause_location
from kg.events.readable import is_proposition
from kg.events.salience import animate, government_of, salient_pair, salient_state, state_counts, state_of
from kg.events.speech import SpeechCues, read_clause, read_content
from kg.events.targets import better_target
from kg.events.typing import Typed, classify, negate
from kg.model import PERSON, Document, Event

PERSONAL_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"})
#: Object pronouns and the subject form used to find a recent antecedent.
OBJECT_PRONOUNS = {"her": "she", "him": "he", "it": "it", "them": "they"}
#: Pronouns that, in reported speech, most often refer to the speaker, by kind of speaker.
PERSONAL = frozenset({"he", "she", "they"})
IMPERSONAL = frozenset({"it", "they"})
#: Below this subject quality (see :class:`Arg`) an event is kept but not typed.
MIN_TYPED_SUBJECT = 0.7
class EventExtractor:
    """Finds the events of one document; build once per process (the lexicon is loaded here)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.cues = SpeechCues.of(self.lex)

    def __call__(self, doc: Doc, document: Document, index: EntityLookup) -> list[Event]:
        """All events of ``doc`` (the parse of ``document.text``)."""
        events: list[Event] = []
        sents = list(doc.sents)
        found = state_counts(doc, index)
        state = DocState(author=find_author(sents, index, self.lex),
                          quoted=quotation_speakers(doc, index, self.lex),
                          salient=salient_state(doc, index, found), pair=salient_pair(found))
        state.author_state = state_of(state.author, doc, index)
        dates_of = dates_by_sentence(doc, sents)
        for si, sent in enumerate(sents):
            tokens = list(sent)  # read once: iterating a Span makes every Token anew
            dates = dates_of[si]
            props = [proposition(tok, index, self.lex) for tok in tokens if is_event_head(tok, self.lex)]
            props += nominal_propositions(tokens, index, self.lex)
            props += participle_propositions(tokens, index, self.lex)
            according = according_to(tokens, index, self.lex)
            for prop in props:
                events.extend(self._events(prop, si, sent, dates, document, index, according, state))
            quoted = self._quoted_speech(sent, si, document, index, state, according)
            if quoted is not None:
                events.append(quoted)
            state.remember(sent, props, index)
        for event in events:
            event.proposition = event.proposition or is_proposition(event, self.lex)
        return events

    # -- one proposition -> events (one per coordinated subject) ---------------------------
    def _events(self, prop: Proposition, si: int, sent: Span, dates: list[Span], document: Document,
                index: EntityLookup, according: Arg | None, state: DocState) -> list[Event]:
        lex = self.lex
        verb = prop.verb
        nominal = verb.pos_ == "NOUN"
        self._content_object(prop, index)
        source, gov = speaker(verb, index, lex, according) if not nominal else (None, None)
        quoted = state.quoted.get(verb.i)
        if source is None or (quoted is not None and gov is not None and gov.i in state.quoted):
            # inside a quotation its speaker wins over a reporting verb quoted with it (often a
            # misparse: "China's declared stance")
            source = quoted or source
        typed, hyp, neg = self._modality(prop, nominal, index)
        subjects = self._subjects(prop, source, index, sent, state)
        if (thing := thing_antecedent(prop.obj, prop.obj_token, subjects[0], index, lex)) is not None:
            prop.obj, prop.obj_token = thing  # "we are obliged to comply with it": it is not we
        if not typed.event_type and not (nominal or hyp or neg):
            # a speech act typed by what it says: "X said Y had failed to …" accuses Y
            reading = read_content(verb, subjects[0], index, lex, self.cues)
            if reading is not None:
                typed = reading.typed
                prop.obj, prop.obj_token = reading.target, reading.target_token
        if not (hyp or neg) and (found := casualty(prop, subjects, index, lex)) is not None:
            # "one Ugandan soldier was killed in the clash": by the other side of the clash
            agent = opponent(*found, state.encounters, index, lex)
            if agent and prop.predicate in lex.death_verbs:
                prop.obj, prop.obj_token, prop.predicate = found[0], found[1], "kill"
                typed = killing(lex)  # "insurgents had died in the clash": killed by the other side
            subjects = [agent] if agent else subjects
        elif typed.event_type == "ASSAULT" and not (hyp or neg):
            state.encounters += [e for s in subjects if (e := encounter(s, prop, index, lex))]
        if not subjects[0] and prop.passive and typed.mode == "abduct":
            subjects = [state.implied_agent(si)]  # "More pupils were kidnapped": by the abductor just named
        elif not subjects[0] and prop.passive and typed.event_type in lex.state_agent_types:
            # "Some groups had already been banned": where it happens, the arrester just named,
            # else the state the article is about (never the target itself)
            implied = self._state_agent(prop, index)
            if not implied and prop.predicate in lex.decree_acts and self._state_act(prop, index) and \
                    state.salient and state.salient.key != prop.obj.key:
                implied = state.salient  # a ban is the state's decree, not its police's act
            implied = implied or state.implied_agent(si)
            if not implied and self._state_act(prop, index):
                # the article's coercer named earlier ("restrictions placed by the junta"), else
                # the state the article is about; never the target itself
                implied = next((a for a in (state.implied_agent(si, anywhere=True), state.salient)
                                if a and a.key != prop.obj.key), NONE)
            subjects = [implied]
        # violence by a crowd is a riot, and a blockade by one obstructs (PLOVER PROTEST riot,
        # obstruct; words.yaml crowd_nouns); so is a forceful act done to protest ("blocked the
        # motorway to protest fossil fuel subsidies")
        if typed.event_type in ("ASSAULT", "COERCE") and (_protest_purpose(verb, lex) or (
                subjects[0].i >= 0 and verb.doc[subjects[0].i].lower_ in lex.crowd_nouns)):
            mode = "obstruct" if typed.mode == "restrict" else "riot"  # "(Senegalese) rioters torched …"
            typed = Typed("PROTEST", mode, "", typed.certainty)
        if nominal and not (prop.obj and subjects[0].key and subjects[0].quality >= 0.9) and \
                not deadly_fighting(prop, index, lex) and not _agent_phrase(prop, subjects[0]):
            typed = Typed()  # an event noun is asserted only with a named actor and a target
        start, end = clause_span(verb, prop, sent)
        out = []
        if prop.predicate in lex.not_events:
            return out
        predicate = prop.predicate
        if predicate in lex.naming and predicate == verb.lemma_.lower():
            predicate = lex.naming_predicates.get(typed.event_type, predicate)
        for subj in subjects:
            if not subj and not prop.obj:
                continue
            # no event between an actor and itself, once pronouns are resolved ("we … detained Americans")
            obj = NONE if subj.key and subj.key == prop.obj.key else prop.obj
            # material events are asserted only with a target ("fighting" alone codes nothing)
            has_target = bool(obj) or typed.event_type not in lex.target_required
            etype = typed.event_type if subj.quality >= MIN_TYPED_SUBJECT and has_target else ""
            out.append(Event(
                sentence=si, predicate=predicate,
                subject=subj.key, subject_text="" if subj.key else subj.text,
                object=obj.key, object_text="" if obj.key else obj.text,
                event_type=etype, mode=typed.mode if etype else "", context=typed.context if etype else "",
                negated=neg, hypothetical=hyp,
                attributed_to=source.key if source is not None and source.key != subj.key else "",
                date=clause_date(verb, document.date, dates) if not nominal else "",
                location=clause_location(verb, index),
                confidence=_confidence(typed, subj, obj, source is not None, hyp, bool(etype)),
                quote=document.text[start:end], start=start, end=end, proposition=typed.no_event,
            ))
            if (etype == "COERCE" or typed.mode == "abduct") and subj.quality >= MIN_TYPED_SUBJECT and \
                    subj is prop.subject and not (subj.i >= 0 and verb.doc[subj.i].lower_ in lex.people_nouns):
                # named by the clause (an agent phrase too), not implied; and no private people
                # ("ZANU-PF activists blocking the entrance" are not who arrests and bans next)
                state.coercer, state.coercer_sentence = subj, si
        return out

    def _quoted_speech(self, sent: Span, si: int, document: Document, index: EntityLookup,
                       state: DocState, according: Arg | None = None) -> Event | None:
        """A sentence quoted from a known speaker is that speaker's speech act, typed by what it
        says (:func:`kg.events.speech.read_clause`): "“They have failed to protect civilians.”".
        In a document with an author (a statement, a joint declaration) every sentence of the
        author's own text — not quoted, not reported from someone else — is the author's: "These
        strikes do not appear aimed at any military purpose" in a spokesperson's statement."""
        root = sent.root
        speaker = state.quoted.get(root.i)
        own: set[str] = set()
        if speaker is None and state.author and according is None and not in_quote(root, sent) \
                and reporting_governor(root, self.lex) is None:
            speaker = state.author
            own = {state.author.key, state.author_state.key} - {""}  # no statement accuses its own side
        if speaker is None or root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() in self.lex.speech:
            return None
        reading = read_clause(root, speaker, index, self.lex, self.cues)
        if reading is None or speaker.quality < MIN_TYPED_SUBJECT or reading.target.key in own \
                or _first_person_possessed(reading.target_token):
            return None  # "our sanctions have degraded Russia's ability": the speaker's own act
        if own and not self._other_side(reading.target, own, index):
            return None  # a statement accuses actors of another side, not its own organs or acts
        typed, target = reading.typed, reading.target
        start, end = clause_span(root, Proposition(verb=root, predicate="", subject=NONE, obj=NONE), sent)
        return Event(
            sentence=si, predicate=self.lex.speech_predicates.get(typed.event_type, root.lemma_.lower()),
            subject=speaker.key, subject_text="" if speaker.key else speaker.text,
            object=target.key, object_text="" if target.key else target.text,
            event_type=typed.event_type, mode=typed.mode, context=typed.context,
            date="", location=clause_location(root, index),
            confidence=_confidence(typed, speaker, target, False, False, True),
            quote=document.text[start:end], start=start, end=end,
        )

    def _modality(self, prop: Proposition, nominal: bool, index: EntityLookup) -> tuple[Typed, bool, bool]:
        """Event type, hypothetical and negated flags: plans, conditions and denied or alleged
        content are not typed (threats excepted); plain speech and cognition never are."""
        lex, verb = self.lex, prop.verb
        lemma = verb.lemma_.lower()
        typed = classify(prop, lex, index)
        hyp = hypothetical(verb, lex)[0] if not nominal else False
        if hyp and lex.is_threat_content(prop.predicate, prop.obj.words() | _head_words(prop.obj_token)) \
                and conditional_threat(verb, lex):
            typed = Typed("THREATEN", "", "", 0.6)
        if hyp and typed.event_type != "THREATEN":
            typed = announced_commitment(verb, typed, lex)  # "said it would lift the ban" concedes
        if lemma in lex.cognition or (lemma in lex.reporting and not typed.event_type):
            typed = Typed()
        neg = negated(verb) if not nominal else False
        if neg:
            typed = negate(typed, prop.predicate, lex)
        return typed, hyp, neg

    def _subjects(self, prop: Proposition, source: Arg | None, index: EntityLookup, sent: Span,
                  state: DocState) -> list[Arg]:
        """The subject and its coordinated nouns; first-person pronouns in reported speech are the speaker."""
        doc = prop.verb.doc
        prop.subject = government_of(prop.subject, doc, state.salient, self.lex)  # "the government"
        prop.obj = government_of(prop.obj, doc, state.salient, self.lex)
        if prop.obj.quality <= 0.2 and prop.obj.text in OBJECT_PRONOUNS and not prop.obj.key:
            # "who had kept her captive": the entity stage left the pronoun unresolved
            prop.obj = state.recent(OBJECT_PRONOUNS[prop.obj.text])
        if prop.obj.quality <= 0.2 and prop.obj.text in PERSONAL_PRONOUNS:
            prop.obj = NONE  # an unresolved personal pronoun is no target ("anything" still is)
        subj = prop.subject
        if subj.quality <= 0.2 and subj.text:
            # an unresolved pronoun: "I"/"we" of a quotation is its speaker, of the text its
            # author; "he"/"she" in reported speech is most often the speaker
            if source is not None and source.quality >= 0.7 and self._may_corefer(subj.text, source, index):
                return [source]
            if subj.text in FIRST_PERSON and state.author and not in_quote(prop.verb, sent):
                plural = subj.text in ("we", "us") and state.author_state
                return [state.author_state if plural else state.author]
            recent = state.recent(subj.text)
            if recent:
                return [recent]
        if subj.quality <= 0.2:
            subj = NONE  # an unresolved pronoun says nothing about the actor
        if not subj or subj.i < 0 or prop.verb.pos_ == "NOUN":
            return [subj]
        head = prop.verb.doc[subj.i]
        if state.pair is not None and not subj.key and _names_pair(head, self.lex):
            return list(state.pair)  # "the two sides agreed …": the two states the article is about
        more = [noun_arg(t, index, self.lex, subject=True) for t in conjuncts(head)[1:]]
        return [subj] + [a for a in more if a and a.key != subj.key]

    @staticmethod
    def _other_side(target: Arg, own: set[str], index: EntityLookup) -> bool:
        """Is the target of a statement's accusation an actor of another side: a named actor not of
        the author's own state ("the Department of the Treasury is designating …" is the author's
        side), or an actor noun — never a thing named by a noun ("these designations")?"""
        if not target.key:
            return target.quality >= MIN_TYPED_SUBJECT
        states = {e.country for k in own if (e := index.entity(k)) is not None and e.country}
        ent = index.entity(target.key)
        return ent is None or not ent.country or ent.country not in states

    @staticmethod
    def _may_corefer(pronoun: str, source: Arg, index: EntityLookup) -> bool:
        """Can an unresolved pronoun of a reported clause be its speaker? ("he" a person, "it" a state)."""
        if pronoun in FIRST_PERSON:
            return True
        ent = index.entity(source.key) if source.key else None
        if ent is None:
            return pronoun == "they"
        return pronoun in (PERSONAL if ent.type == PERSON else IMPERSONAL)

    def _state_agent(self, prop: Proposition, index: EntityLookup) -> Arg:
        """The state in which an agentless arrest/release happens: "Americans detained in Venezuela"."""
        key = clause_location(prop.verb, index, countries_only=True)
        if not key and prop.obj_token is not None:
            for tok in prop.obj_token.subtree:
                if tok.dep_ == "prep" and tok.lower_ in ("in", "from"):
                    key = clause_location(tok.head, index, countries_only=True)
                    if key:
                        break
        return Arg(key=key, quality=0.7) if key else NONE

    def _state_act(self, prop: Proposition, index: EntityLookup) -> bool:
        """An act of a state's police or courts against a person or body ("people were arrested")."""
        tok = prop.obj_token
        actor = tok is not None and tok.lemma_.lower() in self.lex.actor_nouns
        head = tok.lower_ if tok is not None else ""
        return prop.predicate in self.lex.implied_state_acts and animate(prop.obj, index, head, actor, self.lex)

    def _deep_object(self, verb: Token, index: EntityLookup, depth: int) -> tuple[Arg, Token | None]:
        inner = _content_verb(verb)
        if inner is None and depth == 0:
            # "committed to dialogue with the DPRK": the partner, else the noun
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("to", "on"):
                    pobj = child(prep, ("pobj",))
                    if pobj is not None:
                        prop = Proposition(verb=verb, predicate="", subject=NONE,
                                           obj=noun_arg(pobj, index, self.lex), obj_token=pobj)
                        return better_target(pobj, prop.obj, index, self.lex), pobj
        if inner is None or depth > 3:
            return NONE, None
        prop = proposition(inner, index, self.lex)
        if prop.obj:
            return prop.obj, prop.obj_token
        return self._deep_object(inner, index, depth + 1)

    def _content_object(self, prop: Proposition, index: EntityLookup) -> None:
        """Speech acts about a clause take the clause's argument as object: "denied that Beijing had
        provided troops" → troops; "said the incoming troops were a factor" → troops."""
        verb = prop.verb
        lemma = verb.lemma_.lower()
        if prop.obj or verb.pos_ not in ("VERB", "ADJ"):
            return
        if lemma in self.lex.intention or prop.predicate in self.lex.intention:
            prop.obj, prop.obj_token = self._deep_object(verb, index, 0)
            return
        sense = self.lex.sense(lemma)
        directive = sense is not None and sense.event_type == "REQUEST"
        if lemma not in self.lex.speech and not directive:
            return
        content = child(verb, ("ccomp",))  # a directive's content: "asked that Yemen begin …" → Yemen
        if content is None and lemma == "deny":
            content = child(verb, ("xcomp",))  # "denied using live ammunition": the gerund's object
        if content is None:
            return
        tok = child(content, ("dobj",)) if lemma == "deny" else None
        tok = tok or child(content, ("nsubj", "nsubjpass")) or child(content, ("dobj", "attr"))
        if tok is not None:
            arg = noun_arg(tok, index, self.lex)
            if arg and arg.quality > 0.2 and not (directive and arg.key and arg.key == prop.subject.key):
                prop.obj, prop.obj_token = arg, tok  # (nobody directs a request at themselves)


def _protest_purpose(verb: Token, lex: Lexicon) -> bool:
    """Is the act done to protest: an infinitive of purpose whose verb is a PROTEST ("… to protest
    the subsidies", "… to demonstrate against")?"""
    for c in verb.children:
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            sense = lex.sense(c.lemma_.lower())
            if sense is not None and sense.event_type == "PROTEST":
                return True
    return False


def _head_words(tok: Token | None) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()} if tok is not None else set()


def _content_verb(verb: Token) -> Token | None:
    """The verb of an intention's content: "commit to imposing", "plan to give", "ensure that … removed"."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("to", "on"):
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    return g
    return None


def _names_pair(head: Token, lex: Lexicon) -> bool:
    """ "both countries", "the two sides", a treaty's "the Parties" (words.yaml ``pair_nouns``)."""
    if head.lemma_.lower() not in lex.pair_nouns and head.lower_ not in lex.pair_nouns:
        return False
    if head.text == "Parties":
        return True
    return any(c.lower_ in ("both", "two") and c.dep_ in ("det", "predet", "preconj", "nummod")
               for c in head.children)


def _agent_phrase(prop: Proposition, subj: Arg) -> bool:
    """Does an event noun name its actor in a "by" phrase and its target ("the killing of protesters
    by security forces")? Then an actor noun is as explicit as a name."""
    if not prop.obj or subj.i < 0 or subj.quality < MIN_TYPED_SUBJECT:
        return False
    head = prop.verb.doc[subj.i].head
    return head.dep_ == "prep" and head.lower_ == "by" and head.head.i == prop.verb.i


def _first_person_possessed(tok: Token | None) -> bool:
    """Is ``tok`` the speaker's own: "our sanctions", "my government"?"""
    return tok is not None and any(t.dep_ == "poss" and t.lower_ in FIRST_PERSON
                                   for t in tok.doc[tok.left_edge.i:tok.i])


def _confidence(typed: Typed, subj: Arg, obj: Arg, attributed: bool, hyp: bool, has_type: bool) -> float:
    """Rule-based confidence: lexicon certainty × argument resolution, lowered by hedges."""
    base = typed.certainty if has_type else 0.3
    score = base * (0.5 + 0.5 * subj.quality) * ((0.8 + 0.2 * obj.quality) if obj else 0.85)
    if attributed:
        score *= 0.9
    if hyp:
        score *= 0.5
    return round(min(max(score, 0.01), 1.0), 3)
