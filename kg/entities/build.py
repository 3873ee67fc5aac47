"""Document-level entities from name mentions: one cluster per real-world actor or place.

Order of work: states (names, capitals used as actors, seats of government, demonyms), demonym +
noun phrases ("Ukrainian forces", "Chinese nationals"), organisations and groups, people (surnames
join the full name used elsewhere in the article), places, unnamed office holders ("China's chargé
d'affaires"). Each step records which tokens belong to which entity key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.entities.gazetteer import ACTOR, CAPITAL, DEMONYM, PEOPLES, PLACE, SEAT, STATE, Actor, Gazetteer, fold
from kg.entities.mentions import Mention
from kg.entities.people import Context, appositive_context, name_words, office_head, title_context, word_forms
from kg.model import COUNTRY, GROUP, LOCATION, ORGANIZATION, PERSON, Entity

#: Prepositions after which a capital is a place ("in Kyiv"), not the government ("contact Beijing").
LOCATIVE_PREPS = {"in", "at", "near", "outside", "around", "across", "into", "inside", "within", "throughout",
                  "through", "from", "via", "toward", "towards", "between"}
PLACE_NOUNS = {"city", "town", "village", "region", "area", "province", "capital", "port"}


@dataclass
class Cluster:
    """An entity under construction."""

    key: str
    type: str
    label: str
    country: str = ""
    role: str = ""
    sector: str = ""
    wikidata: str = ""
    geonames_id: int = 0
    fixed_label: bool = False  # label comes from the gazetteer
    names: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)

    def entity(self, doc: Doc) -> Entity:
        """The finished :class:`Entity`."""
        label = _clean(self.label)
        aliases = []
        for n in self.names:
            n = _clean(n)
            if n and n != label and n not in aliases and norm_key(n) != norm_key(label):
                aliases.append(n)
        mentions = sorted({(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in self.spans})
        return Entity(key=self.key, label=label, type=self.type, country=self.country, aliases=aliases,
                      role=self.role, sector=self.sector, geonames_id=self.geonames_id,
                      wikidata=self.wikidata, mentions=mentions)


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^(the|The)\s+", "", text)
    return re.sub(r"\s*['’]s$", "", text).strip(" ,.;:\"“”'’()")


def acronym_of(name: str) -> str:
    """Initials of the capitalised words of a name ("Justice and Equality Movement" → "JEM")."""
    words = re.split(r"[\s\-]+", name)
    return "".join(w[0] for w in words if w[:1].isupper())


def _looks_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def group_stem(text: str) -> str:
    """Stem shared by a people's noun and adjective: Kurds/Kurdish → kurd, Yazidis/Yazidi → yazid."""
    word = norm_key(text).replace(" ", "")
    word = word[:-1] if word.endswith("s") else word
    for suffix in ("ish", "ian", "ese", "an", "ia", "i"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def norm_key(text: str) -> str:
    """Comparison form of a name: folded, no possessive, no leading "the", alphanumerics only."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


class Builder:
    """Accumulates clusters and the token → key map of one document."""

    def __init__(self, doc: Doc, gaz: Gazetteer, mentions: list[Mention]) -> None:
        self.doc = doc
        self.gaz = gaz
        self.mentions = mentions
        self.owner: dict[int, Mention] = {k: m for m in mentions for k in range(m.start, m.end)}
        self.clusters: dict[str, Cluster] = {}
        self.tokens: dict[int, str] = {}
        self.by_actor: dict[tuple[str, str], str] = {}  # (type, gazetteer name) → key
        self.org_names: dict[str, str] = {}  # normalised name of an organisation or group → key

    # ------------------------------------------------------------------ bookkeeping

    def cluster(self, type_: str, label: str, actor: Actor | None = None, **kw) -> Cluster:
        """The cluster of a gazetteer actor or of a (type, normalised label), created if new."""
        ident = (type_, actor.name if actor else norm_key(label))
        key = self.by_actor.get(ident)
        if key is None:
            key = self._new_key(type_, actor.name if actor else label)
            c = Cluster(key, type_, actor.name if actor else label, fixed_label=actor is not None, **kw)
            if actor is not None:
                c.country = c.country or actor.country
                c.sector = c.sector or actor.sector
                c.wikidata = actor.wikidata
                c.geonames_id = actor.geonames_id
            self.clusters[key] = c
            self.by_actor[ident] = key
        return self.clusters[key]

    def _keyed(self, type_: str, ident: str, label: str, **kw) -> Cluster:
        """A cluster identified by ``ident`` but labelled with the first surface form seen."""
        c = self.cluster(type_, ident, **kw)
        if not c.names and not c.fixed_label:
            c.label = label
        return c

    def _new_key(self, type_: str, label: str) -> str:
        base = f"{type_.lower()}:{norm_key(label).replace(' ', '-') or 'x'}"
        key, n = base, 2
        while key in self.clusters:
            key, n = f"{base}-{n}", n + 1
        return key

    def attach(self, c: Cluster, start: int, end: int, surface: str | None = None, own_tokens: bool = True) -> None:
        """Record a mention of ``c`` over tokens ``[start, end)``."""
        c.names.append(surface if surface is not None else self.doc[start:end].text)
        c.spans.append((start, end))
        if c.type in (ORGANIZATION, GROUP):
            self.org_names.setdefault(norm_key(c.names[-1]), c.key)
        if own_tokens:
            for k in range(start, end):
                self.tokens[k] = c.key

    def entities(self) -> list[Entity]:
        """All finished entities, in order of first mention."""
        ordered = sorted(self.clusters.values(), key=lambda c: min((s for s, _ in c.spans), default=0))
        out = []
        for c in ordered:
            if c.spans:
                e = c.entity(self.doc)
                e.aliases = [a for a in e.aliases if fold(a) not in self.gaz.titles]
                out.append(e)
        return out

    # ------------------------------------------------------------------ states and places

    def state(self, iso3: str) -> Cluster | None:
        """The cluster of a state, by ISO code."""
        actor = self.gaz.state(iso3)
        return self.cluster(COUNTRY, actor.name, actor) if actor else None

    def add_state_mention(self, m: Mention) -> None:
        """A state name, capital, seat of government, demonym or people name."""
        iso3 = m.actor.country if m.actor else ""
        nxt = self.owner.get(m.end)
        if m.kind == DEMONYM and nxt is not None and nxt.kind == "ner" and nxt.label == "ORG":
            return  # "Chinese Foreign Ministry": the demonym is part of the organisation's name
        if m.kind == CAPITAL and self._locative(m):
            self.add_place(m)
            return
        if self.add_phrase(m, iso3):
            return
        c = self.state(iso3)
        if c is not None:
            self.attach(c, m.start, m.end)

    def _locative(self, m: Mention) -> bool:
        tok = self.doc[m.end - 1]
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "upon", "against"):
            gov = tok.head.head  # "their assault on Kyiv", "unleash their assault on Kyiv"
            if self._is_attack(gov) or any(c.dep_ == "dobj" and self._is_attack(c) for c in gov.children):
                return True
        if any(c.dep_ == "conj" and c.lemma_ in PLACE_NOUNS for c in tok.children):
            return True  # "Kyiv and other Ukrainian cities"
        if tok.dep_ in ("compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            return tok.head.ent_type_ != "PERSON"  # "Kyiv region", "Moscow time"
        nxt = self.doc[m.end] if m.end < len(self.doc) else None
        # "Kyiv, Ukraine": a place followed by its country
        return bool(nxt is not None and nxt.text == "," and self.owner.get(m.end + 1) is not None
                    and self.owner[m.end + 1].kind == STATE)

    def _is_attack(self, tok: Token) -> bool:
        noun = self.gaz.nouns.get(tok.lemma_.lower())
        return noun is not None and noun[0] == "ATTACK"

    def add_place(self, m: Mention) -> None:
        """A LOCATION entity (with GeoNames id and country when the gazetteer knows the place)."""
        actor = m.actor if m.actor is not None and m.kind in (PLACE, CAPITAL) else None
        span = m.span(self.doc)
        group = self.group_of(span.text) if actor is None and len(span) == 1 else None
        if group is not None:  # spaCy tags "Yazidi" GPE next to the NORP "Yazidis"
            self.attach(group, m.start, m.end)
            return
        c = self.cluster(LOCATION, actor.name if actor else span.text, actor)
        if actor is None and m.country and not c.country:
            c.country = m.country
        self.attach(c, m.start, m.end)

    # ------------------------------------------------------------------ demonym + noun phrases

    def add_phrase(self, m: Mention, iso3: str) -> bool:
        """ "Ukrainian forces", "Chinese government", "US troops": a state modifier of an actor noun."""
        if m.kind not in (STATE, DEMONYM, "ner"):
            return False
        mod = self.doc[m.end - 1]
        head = mod.head
        if mod.dep_ not in ("amod", "compound", "nmod") or not (m.end <= head.i <= m.end + 2):
            return False
        if any(t.pos_ not in ("ADJ", "NOUN", "PROPN") or t.i in self.owner for t in self.doc[m.end:head.i]):
            return False
        noun = self._actor_noun(head)
        if noun is None:
            return False
        cls, sector = noun
        surface = self.doc[m.start:head.i + 1].text
        if cls == "STATE" and iso3:
            c = self.state(iso3)
        elif cls == "MIL":
            c = self.military(iso3, m, surface, head)
        elif cls == "PEOPLE":
            c = self.cluster(GROUP, surface, country=iso3, sector=sector)
        elif cls == "INST":  # "South Ossetian parliament" is the "parliament of South Ossetia"
            noun = fold(self.doc[m.end:head.i + 1].text)
            ident = iso3 or group_stem(m.span(self.doc).text)
            c = self._keyed(ORGANIZATION, f"{ident} {noun}", surface, country=iso3, sector=sector)
        elif cls == "REBEL":  # "Libyan rebels", "Sunni insurgents": the armed opposition
            c = self._armed_group(iso3, m.start) or self._keyed(
                GROUP, f"{iso3 or fold(m.span(self.doc).text)} rebels", surface, country=iso3, sector=sector)
        else:
            return False
        if c is None:
            return False
        self.attach(c, m.start, head.i + 1, surface)
        return True

    def _armed_group(self, iso3: str, before: int) -> Cluster | None:
        """The named armed group (of state ``iso3`` if given) mentioned last before token ``before``."""
        best, best_pos = None, -1
        for c in self.clusters.values():
            if c.type == GROUP and c.sector == "REB" and c.fixed_label and (not iso3 or c.country == iso3):
                pos = max((s for s, _ in c.spans if s < before), default=-1)
                if pos > best_pos:
                    best, best_pos = c, pos
        return best

    def _actor_noun(self, head: Token) -> tuple[str, str] | None:
        if head.pos_ not in ("NOUN", "PROPN") or head.i in self.owner:
            return None
        prev = self.doc[head.i - 1].lower_ if head.i > 0 else ""
        for cand in (f"{prev} {head.lemma_.lower()}", f"{prev} {head.lower_}", head.lemma_.lower(), head.lower_):
            noun = self.gaz.nouns.get(cand)
            if noun is not None and noun[0] in ("STATE", "MIL", "PEOPLE", "INST", "REBEL"):
                return noun
        return None

    def military(self, iso3: str, m: Mention, surface: str, head: Token) -> Cluster | None:
        """The armed forces of a state (or of a people: "Kurdish forces") in this document."""
        demonym = fold(m.span(self.doc).text)
        for c in self.clusters.values():
            # a people's force ("Kurdish" Peshmerga) takes that people's phrases, not its state's
            if c.type in (ORGANIZATION, GROUP) and c.sector == "MIL" and (
                    demonym in c.words if c.words else (iso3 and c.country == iso3)):
                return c
        if not iso3 and m.kind == "ner":
            label = surface
            return self.cluster(GROUP, label, sector="MIL")
        state = self.gaz.state(iso3)
        if state is None:
            return None
        c = self._keyed(ORGANIZATION, f"{iso3} military", surface, country=iso3, sector="MIL")
        if head.lemma_.lower() in ("military", "army") and not c.fixed_label:
            c.label = surface  # "Sudanese military" beats "Sudanese troops" as the name
            c.fixed_label = True
        return c

    # ------------------------------------------------------------------ organisations and groups

    def add_org(self, m: Mention) -> None:
        """A gazetteer organisation/group or a spaCy ORG (with the state named in or before it)."""
        start = m.start
        country = m.country
        if m.actor is None:
            prev = self.owner.get(start - 1)
            if prev is not None and prev.kind in (STATE, DEMONYM) and prev.end == start:
                # "Chinese Foreign Ministry": spaCy often leaves the demonym out of the ORG span
                start, country = prev.start, prev.actor.country if prev.actor else country
                self.owner.update({k: m for k in range(prev.start, prev.end)})
        span = self.doc[start:m.end]
        type_ = m.actor.type if m.actor else ORGANIZATION
        known = self.org_names.get(norm_key(span.text)) if m.actor is None else None
        inst = self._institution(start, m.end, country) if m.actor is None and not known else None
        if known:
            c = self.clusters[known]
        elif inst is not None:  # "Georgian Parliament" is the "parliament of Georgia"
            c = self._keyed(ORGANIZATION, f"{country} {inst[0]}", span.text, country=country, sector=inst[1])
        else:
            c = self.cluster(type_, span.text, m.actor)
        if m.actor is not None and m.actor.peoples:
            c.words |= {fold(p) for p in m.actor.peoples}
        if not c.country:
            c.country = country
        if not c.sector:
            c.sector = self.gaz.role(self.doc[m.end - 1].lemma_) or ""
        self.attach(c, start, m.end, span.text)
        self._parenthesised_acronym(c, m.end)

    def _institution(self, start: int, end: int, country: str) -> tuple[str, str] | None:
        """(noun, sector) when tokens are a state's name or demonym + an institution noun."""
        if not country:
            return None
        for s in range(start + 1, end):
            noun = self.gaz.nouns.get(fold(self.doc[s:end].text))
            if noun is not None and noun[0] == "INST":
                return fold(self.doc[s:end].text), noun[1]
        return None

    def add_of_institutions(self) -> None:
        """ "the parliament of Georgia", "the Foreign Ministry of Russia": institution + of + state."""
        doc = self.doc
        for tok in doc[:-2]:
            if tok.i in self.tokens or doc[tok.i + 1].lower_ != "of":
                continue
            start, noun = tok.i, self.gaz.nouns.get(fold(tok.lemma_))
            if tok.i > 0 and (pair := self.gaz.nouns.get(fold(f"{doc[tok.i - 1].text} {tok.lemma_}"))):
                start, noun = tok.i - 1, pair
            if noun is None or noun[0] != "INST":
                continue
            k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            m = self.owner.get(k)
            if m is None or m.start != k:
                continue
            ident = m.actor.country if m.kind == STATE and m.actor else group_stem(m.span(doc).text)
            name = fold(doc[start:tok.i + 1].text)
            c = self._keyed(ORGANIZATION, f"{ident} {name}", doc[start:m.end].text,
                            country=m.actor.country if m.actor else "", sector=noun[1])
            self.attach(c, start, m.end, own_tokens=False)
            for t in range(start, tok.i + 2):
                self.tokens[t] = c.key

    def _parenthesised_acronym(self, c: Cluster, end: int) -> None:
        doc = self.doc
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            tok = doc[end + 1]
            if tok.text[:1].isupper() and tok.text.isalnum() and len(tok.text) <= 8:
                self.attach(c, end + 1, end + 2)

    def add_group(self, m: Mention) -> None:
        """A NORP that is not a state's demonym: ethnic or religious group, party ("Kurds", "Yazidis")."""
        text = m.span(self.doc).text
        if self.add_phrase(m, ""):
            return
        c = self.group_of(text)
        if c is None:
            c = self.cluster(GROUP, text)
            c.words.add(group_stem(text))
        elif text.endswith("s") and not c.label.endswith("s") and not c.fixed_label:
            c.label = text  # the people ("Kurds") names the group better than the adjective
        self.attach(c, m.start, m.end)

    def group_of(self, text: str) -> Cluster | None:
        """The group named by another form of ``text`` ("Kurds" / "Kurdish", "Yazidi" / "Yazidis")."""
        stem = group_stem(text)
        return next((c for c in self.clusters.values() if c.type == GROUP and stem in c.words), None)

    # ------------------------------------------------------------------ people

    def add_people(self, person_mentions: list[Mention]) -> None:
        """Cluster person mentions: full names first, then single names join the nearest full name."""
        multi = [m for m in person_mentions if len(self._words(m)) > 1 or m.actor is not None]
        single = [m for m in person_mentions if m not in multi]
        for m in multi:
            self._add_person(m, self._person_cluster(m))
        for m in single:
            self._add_person(m, self._surname_cluster(m))

    def _words(self, m: Mention) -> list[str]:
        return name_words(m.span(self.doc).text)

    def _person_cluster(self, m: Mention) -> Cluster:
        if m.actor is not None:
            return self.cluster(PERSON, m.actor.name, m.actor)
        words = self._words(m)
        for c in self.clusters.values():
            if c.type == PERSON and c.words and words[-1] in c.words and (
                    set(words) <= c.words or (c.words <= set(words))):
                if len(words) > len(c.label.split()) and not c.fixed_label:
                    c.label = m.span(self.doc).text
                return c
        return self.cluster(PERSON, m.span(self.doc).text)

    def _surname_cluster(self, m: Mention) -> Cluster:
        word = self._words(m)[0] if self._words(m) else ""
        best, best_dist = None, None
        for c in self.clusters.values():
            if c.type != PERSON or word not in c.words:
                continue
            dist = min((m.start - s if s < m.start else 10_000 + s - m.start) for s, _ in c.spans)
            if best_dist is None or dist < best_dist:
                best, best_dist = c, dist
        return best or self.cluster(PERSON, m.span(self.doc).text)

    def _add_person(self, m: Mention, c: Cluster) -> None:
        c.words |= word_forms(self._words(m))
        title = title_context(self.doc, m.start, self.gaz, self.owner)
        app = appositive_context(self.doc, self.doc[m.end - 1], self.gaz, self.owner)
        for ctx in (title, app):
            self._apply(c, ctx)
        self.attach(c, m.start, m.end)
        if app.title_start >= 0:  # "The British Foreign Secretary, William Hague"
            self._own_title(c, app.title_start, app.title_end)
        if title.title_start >= 0:
            # the titled phrase is an alias; its state/organisation words keep their own entities
            self._own_title(c, title.title_start, m.end, name_start=m.start)

    def _own_title(self, c: Cluster, start: int, end: int, name_start: int | None = None) -> None:
        """A titled phrase is an alias; its state/organisation words keep their own entities."""
        self.attach(c, start, end, own_tokens=False)
        for k in range(start, end if name_start is None else name_start):
            if k not in self.owner:
                self.tokens[k] = c.key

    @staticmethod
    def _apply(c: Cluster, ctx: Context) -> None:
        if ctx.role and not c.role:
            c.role, c.sector = ctx.role, ctx.sector or c.sector
        if ctx.country and (not c.country or not c.fixed_label):
            c.country = ctx.country

    def reclassify_as_people(self) -> None:
        """spaCy ORG/GPE/place names that are words of a person named in the article are that person."""
        person_words = {w: c for c in self.clusters.values() if c.type == PERSON for w in c.words}
        for m in self.mentions:
            if m.kind not in ("ner", PLACE) or m.label == "PERSON":
                continue
            words = name_words(m.span(self.doc).text)
            if words and all(w in person_words for w in words) and len(words) <= 3:
                m.label, m.kind, m.actor = "PERSON", "ner", None

    # ------------------------------------------------------------------ late merges

    def merge(self, src: Cluster, dst: Cluster) -> None:
        """Fold cluster ``src`` into ``dst``."""
        for (start, end), name in zip(src.spans, src.names, strict=True):
            self.attach(dst, start, end, name, own_tokens=False)
        for k, key in self.tokens.items():
            if key == src.key:
                self.tokens[k] = dst.key
        del self.clusters[src.key]

    def resolve_acronyms(self) -> None:
        """An acronym spaCy found ("SAF", "JEM") joins the body whose initials it spells."""
        initials: dict[str, Cluster] = {}
        for c in self.clusters.values():
            if c.type not in (ORGANIZATION, GROUP):
                continue
            names = [c.label, *c.names]
            if c.sector == "MIL" and c.country in self.gaz.adjectives:
                names.append(f"{self.gaz.adjectives[c.country]} Armed Forces")
            for n in names:
                initials.setdefault(acronym_of(n), c)
        for c in list(self.clusters.values()):
            if c.type in (ORGANIZATION, GROUP) and not c.fixed_label and _looks_acronym(c.label):
                target = initials.get(c.label.replace(".", ""))
                if target is not None and target is not c:
                    self.merge(c, target)

    def countries_from_people(self) -> None:
        """ "the Foreign Ministry" in a sentence about Sybiha alone is Ukraine's."""
        for c in self.clusters.values():
            if c.type != ORGANIZATION or c.country or c.sector not in ("GOV", "MIL", "LEG", "JUD", "COP"):
                continue
            sent = self.doc[c.spans[0][0]].sent
            states = {p.country for p in self.clusters.values() if p.type == PERSON and p.country and p.words
                      and any(sent.start <= s < sent.end for s, _ in p.spans)}
            if len(states) == 1:
                c.country = states.pop()

    # ------------------------------------------------------------------ unnamed office holders

    def add_offices(self) -> None:
        """ "China's chargé d'affaires": an office holder named by role and state only."""
        for tok in self.doc:
            if tok.i in self.tokens or not office_head(tok, self.gaz):
                continue
            ctx = title_context(self.doc, tok.i + 1, self.gaz, self.owner)
            if not ctx.country or not ctx.role:
                continue
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if nxt is not None and (nxt.i in self.owner or nxt.pos_ == "PROPN"):
                continue  # a title before a name, handled with the name
            c = self._named_holder(ctx) or self.cluster(PERSON, self.doc[ctx.title_start:tok.i + 1].text,
                                                        country=ctx.country, role=ctx.role, sector=ctx.sector)
            self.attach(c, ctx.title_start, tok.i + 1)

    def _named_holder(self, ctx: Context) -> Cluster | None:
        role = fold(ctx.role)
        for c in self.clusters.values():
            if c.type == PERSON and c.country == ctx.country and c.role and fold(c.role) == role and c.words:
                return c
        return None


def build(doc: Doc, gaz: Gazetteer, mentions: list[Mention]) -> Builder:
    """Run all steps over the mentions of ``doc``."""
    b = Builder(doc, gaz, mentions)
    people = [m for m in mentions if m.label == "PERSON"]
    b.add_people(people)
    b.reclassify_as_people()
    seen = {id(m) for m in people}
    late = [m for m in mentions if m.label == "PERSON" and id(m) not in seen]
    b.add_people(late)
    rest = [m for m in mentions if m.label != "PERSON"]
    states = (STATE, CAPITAL, SEAT, DEMONYM, PEOPLES)
    # named bodies first, so that "Kurdish forces" can join the Peshmerga named later
    for m in rest:
        if m.kind not in states and (m.kind == ACTOR or m.label == "ORG"):
            b.add_org(m)
    for m in rest:
        if m.kind == "ner" and m.label == "NORP":
            b.add_group(m)
    for m in rest:
        if m.kind in states:
            b.add_state_mention(m)
        elif m.kind == PLACE or (m.kind == "ner" and m.label in ("GPE", "LOC", "FAC")):
            b.add_place(m)
    b.add_of_institutions()
    b.add_offices()
    b.resolve_acronyms()
    b.countries_from_people()
    return b


__all__ = ["LOCATIVE_PREPS", "Builder", "Cluster", "build", "norm_key"]
