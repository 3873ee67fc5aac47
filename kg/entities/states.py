"""States and places: state names, capitals, seats of government, demonym + noun phrases.

"Beijing" as an actor is China, "in Kyiv" a place; "Ukrainian forces" is Ukraine's military, "Chinese
nationals" a group of China's people, "the Chinese government" China itself (``nouns.tsv``).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.entities.clusters import Builder, Cluster, group_stem, norm_key
from kg.entities.described import FORCE, REBEL, described_group
from kg.entities.gazetteer import CAPITAL, DEMONYM, PLACE, SEAT, STATE, fold
from kg.entities.mentions import PLACE_NOUNS, POSSESSIVE, Mention
from kg.model import COUNTRY, GROUP, LOCATION, ORGANIZATION

#: Prepositions after which a capital is a place ("in Kyiv"), not the government ("contact Beijing").
LOCATIVE_PREPS = {"in", "at", "near", "outside", "around", "across", "into", "inside", "within", "throughout",
                  "through", "from", "via", "toward", "towards", "between"}



def add_state_mention(b: Builder, m: Mention) -> None:
    """A state name, capital, seat of government, demonym or people name."""
    iso3 = m.actor.country if m.actor else ""
    nxt = b.owner.get(m.end)
    if m.kind == DEMONYM and nxt is not None and nxt.kind == "ner" and nxt.label == "ORG":
        return  # "Chinese Foreign Ministry": the demonym is part of the organisation's name
    if m.kind == CAPITAL and _locative(b, m):
        add_place(b, m)
        _people_in(b, m, iso3)  # "officials in Kyiv", "the government in Tehran"
        return
    if add_phrase(b, m, iso3):
        return
    c = b.state(iso3)
    if c is not None:
        b.attach(c, m.start, m.end)
        if m.kind == STATE:
            _people_in(b, m, iso3)


#: Modifiers that make people in a state not its own ("foreign journalists in Russia").
_NOT_NATIVE = frozenset({"foreign", "western", "international", "visiting", "expatriate", "exiled"})
#: State nouns that say nothing of whose they are when "in" a state: "diplomats in Moscow" are foreign.
_NOT_LOCAL = frozenset({"diplomat", "side"})


def _people_in(b: Builder, m: Mention, iso3: str) -> None:
    """ "Protesters in Mozambique", "rebels from Chad": people or rebels of a state, the same group as
    "Mozambican protesters" (``nouns.tsv`` PEOPLE and REBEL nouns); "officials in Kyiv", "the
    government in Tehran": the state itself (STATE nouns, but for diplomats, who are foreign)."""
    tok = b.doc[m.end - 1]
    prep = tok.head
    noun = prep.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("in", "from") or noun.i >= prep.i or noun.i in b.tokens:
        return
    entry = actor_noun(b, noun)
    if entry is None or entry[0] not in ("PEOPLE", "REBEL", "STATE") or noun.lemma_.lower() in _NOT_LOCAL:
        return
    if any(c.dep_ == "prep" and c.lower_ == "of" and c.i < prep.i for c in noun.children):
        return  # "a state of emergency in Quito" is no state actor
    if entry[0] == "STATE":  # "officials in Kyiv", "officials from Japan"
        if not any(t.dep_ in ("amod", "compound") for t in noun.lefts):
            state = b.state(iso3)
            if state is not None:
                b.attach(state, noun.i, noun.i + 1)
        return
    mods = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod")]
    if any(t.i in b.owner or t.i in b.tokens or t.lower_ in _NOT_NATIVE or t.pos_ == "PROPN" for t in mods):
        return  # "Russian journalists in Ukraine", "foreign workers in Qatar"
    start = min([t.i for t in mods] + [noun.i])
    surface = b.table.span_text(start, m.end)  # "Protesters in Mozambique": a name that says whose they are
    if entry[0] == "REBEL":
        c = described_group(b, b.gaz.adjectives.get(iso3, ""), iso3, REBEL, noun.i) or b.keyed(
            GROUP, f"{iso3} rebels", surface, country=iso3, sector=entry[1])
    else:
        c = b.keyed(GROUP, f"{iso3} {noun.lemma_.lower()}", surface, country=iso3, sector=entry[1])
    b.attach(c, start, noun.i + 1, surface)


def _locative(b: Builder, m: Mention) -> bool:
    tok = b.doc[m.end - 1]
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "upon", "against"):
        gov = tok.head.head  # "their assault on Kyiv", "unleash their assault on Kyiv"
        if _is_attack(b, gov) or any(c.dep_ == "dobj" and _is_attack(b, c) for c in gov.children):
            return True
    if any(c.dep_ == "conj" and c.lemma_ in PLACE_NOUNS for c in tok.children):
        return True  # "Kyiv and other Ukrainian cities"
    if tok.dep_ in ("compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        return tok.head.ent_type_ != "PERSON"  # "Kyiv region", "Moscow time"
    nxt = b.doc[m.end] if m.end < len(b.doc) else None
    # "Kyiv, Ukraine": a place followed by its country
    return bool(nxt is not None and nxt.text == "," and b.owner.get(m.end + 1) is not None
                and b.owner[m.end + 1].kind == STATE)


def _is_attack(b: Builder, tok: Token) -> bool:
    noun = b.gaz.nouns.get(tok.lemma_.lower())
    return noun is not None and noun[0] == "ATTACK"


def add_place(b: Builder, m: Mention) -> None:
    """A LOCATION entity (with GeoNames id and country when the gazetteer knows the place)."""
    iso3 = elliptic_state(b, m.start, m.end)
    if iso3 and (state := b.state(iso3)) is not None:  # "the South" in an article on the Koreas
        b.attach(state, m.start, m.end)
        return
    actor = m.actor if m.actor is not None and m.kind in (PLACE, CAPITAL) else None
    span = m.span(b.doc)
    # only another form of a people's name ("Yazidi"), never a plain place ("Europe" / "European")
    is_form = group_stem(span.text) != norm_key(span.text).replace(" ", "")
    group = b.group_of(span.text) if actor is None and len(span) == 1 and is_form else None
    if group is not None:  # spaCy tags "Yazidi" GPE next to the NORP "Yazidis"
        b.attach(group, m.start, m.end)
        return
    c = b.cluster(LOCATION, actor.name if actor else span.text, actor)
    if actor is None and m.country and not c.country:
        c.country = m.country
    b.attach(c, m.start, m.end)


def elliptic_state(b: Builder, start: int, end: int) -> str:
    """The state "the South"/"the North" (tokens ``[start, end)``) names in this document, or "".

    Only a capitalised word after "the" that heads no noun ("the South retaliated", "the North's
    news agency", not "the South China Sea"), and only when exactly one row of ``elliptic.tsv`` has
    a context state the document names.
    """
    doc = b.doc
    rows = b.gaz.elliptic.get(doc[start].text) if end - start == 1 else None
    if not rows or start == 0 or doc[start - 1].lower_ != "the":
        return ""
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and ((nxt.pos_ in ("NOUN", "PROPN") and nxt.text not in POSSESSIVE) or nxt.lower_ == "of"):
        return ""  # "the South China Sea", "the North of England"
    named = {m.actor.country for m in b.mentions if m.actor is not None and m.kind in (STATE, CAPITAL, SEAT, DEMONYM)
             and not start <= m.start < end}
    fits = {iso3 for iso3, context in rows if context & named}
    return fits.pop() if len(fits) == 1 else ""


def add_elliptic_states(b: Builder) -> None:
    """ "the South" / "the North" that spaCy left untagged, in a document about a divided state."""
    for i, word in enumerate(b.table.words):
        if word in b.gaz.elliptic and i not in b.tokens and i not in b.owner:
            iso3 = elliptic_state(b, i, i + 1)
            state = b.state(iso3) if iso3 else None
            if state is not None:
                b.attach(state, i, i + 1)


def add_phrase(b: Builder, m: Mention, iso3: str) -> bool:
    """ "Ukrainian forces", "Chinese government", "US troops": a state modifier of an actor noun."""
    if m.kind not in (STATE, DEMONYM, SEAT, "ner"):  # SEAT: "Kremlin officials", "Whitehall sources"
        return False
    mod = b.doc[m.end - 1]
    head = mod.head
    # "Russia's defence ministry", "Ukraine's military": a state's possessive as its demonym
    body = m.end + (mod.dep_ == "poss" and m.end < len(b.doc) and b.doc[m.end].text in POSSESSIVE)
    if mod.dep_ not in ("amod", "compound", "nmod", "poss") or not (body <= head.i <= body + 2):
        return False
    if mod.dep_ == "poss" and (m.kind != STATE or body == m.end):
        return False
    if any(t.pos_ not in ("ADJ", "NOUN", "PROPN") or t.i in b.owner for t in b.doc[body:head.i]):
        return False
    if b.tokens.get(head.i, "").startswith("person:") or (
            head.dep_ == "appos" and b.tokens.get(head.head.i, "").startswith("person:")):
        return False  # "British citizen Guy Martin", "Guy Martin, a British citizen": not a group
    noun = actor_noun(b, head)
    if noun is None and head.i - 1 >= body and b.doc[head.i - 1].dep_ == "compound":
        inner = actor_noun(b, b.doc[head.i - 1])  # "a Malian army convoy": the army's, as a target
        noun = inner if inner is not None and inner[0] == "MIL" else None
    elif noun is not None and noun[0] == "MIL" and head.dep_ == "compound" and head.head.i == head.i + 1 \
            and head.head.pos_ == "NOUN" and head.head.i not in b.owner and actor_noun(b, head.head) is None:
        head = head.head  # "Russian army positions"
    if noun is None:
        return False
    cls, sector = noun
    surface = b.table.span_text(m.start, head.i + 1)
    if cls == "STATE" and iso3:
        c = b.state(iso3)
    elif cls == "MIL":
        c = military(b, iso3, m, surface, head)
    elif cls == "PEOPLE":  # "US citizens" and "U.S. citizens" are one group
        c = b.keyed(GROUP, f"{iso3 or fold(b.table.span_text(m.start, m.end))} {head.lemma_.lower()}", surface,
                    country=iso3, sector=sector)
    elif cls == "INST":  # "South Ossetian parliament" is the "parliament of South Ossetia"
        noun = fold(b.table.span_text(body, head.i + 1))
        ident = iso3 or group_stem(b.table.span_text(m.start, m.end))
        c = b.keyed(ORGANIZATION, f"{ident} {noun}", surface, country=iso3, sector=sector)
    elif cls == "REBEL":  # "Libyan rebels", "Sunni insurgents": the armed opposition, or the one named group
        c = described_group(b, b.table.span_text(m.start, m.end), iso3, REBEL, m.start) or b.keyed(
            GROUP, f"{iso3 or fold(b.table.span_text(m.start, m.end))} rebels", surface, country=iso3, sector=sector)
    else:
        return False
    if c is None:
        return False
    b.attach(c, m.start, head.i + 1, surface)
    return True


def actor_noun(b: Builder, head: Token) -> tuple[str, str] | None:
    """(class, sector) of ``nouns.tsv`` for an actor noun ("forces", "state media"), or None."""
    if head.pos_ not in ("NOUN", "PROPN") or head.i in b.owner:
        return None
    prev = b.doc[head.i - 1].lower_ if head.i > 0 else ""
    for cand in (f"{prev} {head.lemma_.lower()}", f"{prev} {head.lower_}", head.lemma_.lower(), head.lower_):
        noun = b.gaz.nouns.get(cand)
        if noun is not None and noun[0] in ("STATE", "MIL", "PEOPLE", "INST", "REBEL"):
            return noun
    return None


def military(b: Builder, iso3: str, m: Mention, surface: str, head: Token) -> Cluster | None:
    """The armed forces of a state (or of a people or region: "Kurdish forces", "African troops") in
    this document."""
    demonym = fold(b.table.span_text(m.start, m.end))
    # a people's or region's force ("Kurdish" Peshmerga, "African" AMISOM) takes that people's
    # phrases, not its state's, when the article names only one such force
    named = described_group(b, demonym, "", FORCE, m.start)
    if named is not None:
        return named
    for c in b.clusters.values():
        # a state's named force only when its name is one ("Israel Defense Forces", not the Pentagon)
        if c.type in (ORGANIZATION, GROUP) and c.sector == "MIL" and not c.words and (
                iso3 and c.country == iso3 and _force_name(b, c.label)):
            return c
    if not iso3 and m.kind == "ner":
        label = surface
        return b.cluster(GROUP, label, sector="MIL")
    return state_military(b, iso3, surface)


def _force_name(b: Builder, label: str) -> bool:
    """Is a body's name headed by a military noun of ``nouns.tsv`` ("Forces", "Army")?"""
    words = label.lower().split()
    last = words[-1] if words else ""
    noun = b.gaz.nouns.get(last) or b.gaz.nouns.get(last[:-1] if last.endswith("s") else last)
    return noun is not None and noun[0] == "MIL"


def state_military(b: Builder, iso3: str, surface: str) -> Cluster | None:
    """A state's armed forces, labelled "<Demonym> military" in every article so the graph merges
    them ("Ukrainian forces", "Ukrainian troops", "Ukrainian army" are aliases)."""
    if b.gaz.state(iso3) is None:
        return None
    adjective = b.gaz.adjectives.get(iso3)
    c = b.keyed(ORGANIZATION, f"{iso3} military", surface, country=iso3, sector="MIL")
    if adjective and not c.fixed_label:
        c.label, c.fixed_label = f"{adjective} military", True
    return c


def countries_of_places(b: Builder) -> None:
    """A place the gazetteer does not know lies in the one state named in its sentence, if only one.

    "the villages of Tarasivka and Belohorivka in eastern Ukraine's Donetsk region" → UKR.
    """
    state_spans = [(s, c.country) for c in b.clusters.values() if c.type == COUNTRY for s, _ in c.spans]
    for c in b.clusters.values():
        if c.type != LOCATION or c.country or not c.spans:
            continue
        sent = b.doc[c.spans[0][0]].sent
        states = {iso3 for s, iso3 in state_spans if sent.start <= s < sent.end and iso3}
        if len(states) == 1:
            c.country = states.pop()


__all__ = ["LOCATIVE_PREPS", "actor_noun", "add_elliptic_states", "add_phrase", "add_place", "add_state_mention",
           "countries_of_places", "elliptic_state", "state_military"]
