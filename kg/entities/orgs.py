"""Organisations and groups: named bodies, institutions of states, acronyms, peoples.

"Georgian Parliament" and "the parliament of Georgia" are one body; "(DoS)" after a name and "SAF"
spelling "Sudanese Armed Forces" join their body; "Kurds" and "Kurdish" are one group.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.entities.clusters import Builder, Cluster, clean, group_stem, norm_key
from kg.entities.gazetteer import DEMONYM, STATE, fold
from kg.entities.mentions import POSSESSIVE, Mention
from kg.entities.namekey import name_key
from kg.entities.states import actor_noun, add_phrase, state_military
from kg.model import GROUP, ORGANIZATION, PERSON


def _state_before(b: Builder, start: int) -> str:
    """The state named right before token ``start``: "South Korea's …", "South Korean …", or ""."""
    prev = b.owner.get(start - 1)
    if prev is None and start > 1 and b.doc[start - 1].text in POSSESSIVE:
        prev = b.owner.get(start - 2)
        prev = prev if prev is not None and prev.kind == STATE else None
    return prev.actor.country if prev is not None and prev.kind in (STATE, DEMONYM) and prev.actor else ""


def add_org(b: Builder, m: Mention) -> None:
    """A gazetteer organisation/group or a spaCy ORG (with the state named in or before it)."""
    if m.actor is not None and m.actor.type == ORGANIZATION and m.actor.country:
        other = _state_before(b, m.start)
        if other and other != m.actor.country:
            # "South Korea's Joint Chiefs of Staff", "Pakistan's Supreme Court": another state's body
            m = Mention(m.start, m.end, "ner", "ORG")
    start = m.start
    country = m.country
    if m.actor is None:
        prev = b.owner.get(start - 1)
        if prev is None and start > 1 and b.doc[start - 1].text in POSSESSIVE:
            prev = b.owner.get(start - 2)  # "Germany's Economy Ministry" is Germany's, as "German" is
            prev = prev if prev is not None and prev.kind == STATE and prev.end == start - 1 else None
            start -= prev is not None
        if prev is not None and prev.kind in (STATE, DEMONYM) and prev.end == start:
            # "Chinese Foreign Ministry": spaCy often leaves the demonym out of the ORG span
            start, country = prev.start, prev.actor.country if prev.actor else country
            b.owner.update({k: m for k in range(prev.start, prev.end)})
    span = b.doc[start:m.end]
    c = _org_cluster(b, m, start, country)
    if m.actor is not None and m.actor.peoples:
        c.words |= {fold(p) for p in m.actor.peoples}
    if not c.country:
        c.country = country
    if not c.sector and c.type in (ORGANIZATION, GROUP):
        c.sector = b.gaz.role(b.doc[m.end - 1].lemma_) or ""
    b.attach(c, start, m.end, span.text)
    _parenthesised_acronym(b, c, m.end)
    _member_noun(b, c, m.end)
    _members_from(b, c, start, m.end)
    if c.type in (ORGANIZATION, GROUP) and not c.role:
        c.role, owner = _appositive_role(span.root)
        state = b.owner.get(owner) if owner >= 0 else None
        if not c.country and state is not None and state.kind == STATE and state.actor is not None:
            c.country = state.actor.country  # "Thailand's military junta, the NCPO" is Thai


def _member_noun(b: Builder, c: Cluster, end: int) -> None:
    """ "Hamas fighters", "Taliban officials", "NATO troops": an actor noun of ``nouns.tsv`` that a
    body's name modifies stands for that body."""
    if c.type not in (ORGANIZATION, GROUP) or end >= len(b.doc):
        return
    last, head = b.doc[end - 1], b.doc[end - 1].head
    if last.dep_ not in ("compound", "nmod", "amod") or not end <= head.i <= end + 1 or head.i in b.tokens:
        return
    if any(t.i in b.owner or t.pos_ not in ("NOUN", "ADJ") for t in b.doc[end:head.i + 1]):
        return
    entry = actor_noun(b, head)
    if entry is not None and entry[0] in ("STATE", "MIL", "PEOPLE", "REBEL"):
        c.spans.append((end, head.i + 1))  # it refers to the body, but is not one of its names
        b.tokens.update({k: c.key for k in range(end, head.i + 1)})


def _members_from(b: Builder, c: Cluster, start: int, end: int) -> None:
    """ "Gunmen from the Baloch Liberation Army", "officials of the ministry": actor nouns of
    ``nouns.tsv`` whose "from"/"of" complement is a body stand for that body."""
    root = b.doc[start:end].root
    prep = root.head
    if c.type not in (ORGANIZATION, GROUP) or root.dep_ != "pobj" or prep.lower_ not in ("from", "of"):
        return
    noun = prep.head
    if noun.i >= prep.i or noun.i in b.tokens or noun.i in b.owner:
        return
    entry = actor_noun(b, noun)
    # "of" is also the holder's ("hostages of Hamas" are not Hamas): people only "from" a body
    if entry is not None and entry[0] in ("STATE", "MIL", "REBEL", *(("PEOPLE",) if prep.lower_ == "from" else ())):
        c.spans.append((noun.i, noun.i + 1))
        b.tokens[noun.i] = c.key


def _appositive_role(head: Token) -> tuple[str, int]:
    """The common noun a name stands in apposition to: "Thailand's military junta, the National
    Council for Peace and Order" and "the NCPO, the ruling junta" both make it a "junta" — so that
    "the junta" later in the article is this body, not merely the nearest organisation. Also the
    index of the noun's possessor ("Thailand's"), or -1."""
    nouns = [head.head] if head.dep_ == "appos" else []
    nouns += [c for c in head.children if c.dep_ == "appos"]
    for noun in nouns:
        if noun.pos_ == "NOUN":
            mods = [t.lower_ for t in noun.lefts if t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "NOUN")]
            owner = next((t.i for t in noun.children if t.dep_ == "poss"), -1)
            return " ".join([*mods, noun.lemma_.lower()]), owner
    return "", -1


def _org_cluster(b: Builder, m: Mention, start: int, country: str) -> Cluster:
    """The cluster a spaCy/gazetteer organisation name belongs to."""
    span = b.doc[start:m.end]
    if m.actor is not None:
        return b.cluster(m.actor.type, span.text, m.actor)
    # "Shabab" after "al-Shabaab", "al Sadr's movement" after "al-Sadr's": one body, two spellings
    known = b.org_names.get(norm_key(span.text)) or b.org_keys.get(name_key(clean(span.text), particles=True))
    if known and known in b.clusters:
        return b.clusters[known]
    state_noun = _state_noun(b, start, m.end, country)
    if state_noun is None:
        return b.cluster(ORGANIZATION, span.text)
    cls, noun, sector = state_noun
    if cls == "STATE":  # "the United States Government" is the state
        return b.state(country) or b.cluster(ORGANIZATION, span.text)
    if cls == "MIL":  # "the Libyan Army": the state's military
        return state_military(b, country, span.text) or b.cluster(ORGANIZATION, span.text)
    # "Georgian Parliament" is the "parliament of Georgia"
    return b.keyed(ORGANIZATION, f"{country} {noun}", span.text, country=country, sector=sector)


def _state_noun(b: Builder, start: int, end: int, country: str) -> tuple[str, str, str] | None:
    """(class, noun, sector) when a name is a state's name or demonym + an actor noun of ``nouns.tsv``."""
    if not country:
        return None
    for s in range(start + 1, end):
        noun = fold(b.table.span_text(s, end))
        entry = b.gaz.nouns.get(noun)
        if entry is None and s == end - 1:
            entry = b.gaz.nouns.get(b.doc[s].lemma_.lower())  # "Forces" → "force"
        if entry is not None and entry[0] in ("INST", "STATE", "MIL"):
            return entry[0], noun, entry[1]
    return None


def add_of_institutions(b: Builder) -> None:
    """ "the parliament of Georgia", "the Foreign Ministry of Russia": institution + of + state."""
    doc = b.doc
    # candidates: the token before each "of" that is neither first nor last
    lowers = b.table.lowers
    for i in [k - 1 for k in range(1, len(lowers) - 1) if lowers[k] == "of"]:
        if i in b.tokens:
            continue
        tok = doc[i]
        start, noun = tok.i, b.gaz.nouns.get(fold(tok.lemma_))
        if tok.i > 0 and (pair := b.gaz.nouns.get(fold(f"{doc[tok.i - 1].text} {tok.lemma_}"))):
            start, noun = tok.i - 1, pair
        if noun is None or noun[0] != "INST":
            continue
        k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
        m = b.owner.get(k)
        if m is None or m.start != k:
            continue
        ident = m.actor.country if m.kind == STATE and m.actor else group_stem(b.table.span_text(m.start, m.end))
        name = fold(doc[start:tok.i + 1].text)
        c = b.keyed(ORGANIZATION, f"{ident} {name}", doc[start:m.end].text,
                        country=m.actor.country if m.actor else "", sector=noun[1])
        b.attach(c, start, m.end, own_tokens=False)
        for t in range(start, tok.i + 2):
            b.tokens[t] = c.key


def _parenthesised_acronym(b: Builder, c: Cluster, end: int) -> None:
    doc = b.doc
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        tok = doc[end + 1]
        if tok.text[:1].isupper() and tok.text.isalnum() and len(tok.text) <= 8:
            b.attach(c, end + 1, end + 2)


def add_group(b: Builder, m: Mention) -> None:
    """A NORP that is not a state's demonym: ethnic or religious group, party ("Kurds", "Yazidis")."""
    text = b.table.span_text(m.start, m.end)
    if add_phrase(b, m, ""):
        return
    c = b.group_of(text)
    if c is None:
        c = b.cluster(GROUP, text)
        c.words.add(group_stem(text))
    elif text.endswith("s") and not c.label.endswith("s") and not c.fixed_label:
        c.label = text  # the people ("Kurds") names the group better than the adjective
    b.attach(c, m.start, m.end)


def resolve_acronyms(b: Builder) -> None:
    """An acronym spaCy found ("SAF", "JEM") joins the body whose initials it spells."""
    initials: dict[str, Cluster] = {}
    for c in b.clusters.values():
        if c.type not in (ORGANIZATION, GROUP):
            continue
        names = [c.label, *c.names]
        if c.sector == "MIL" and c.country in b.gaz.adjectives:
            names.append(f"{b.gaz.adjectives[c.country]} Armed Forces")
        for n in names:
            initials.setdefault(acronym_of(n), c)
        for n in names:  # "Iraqi security forces (ISF)": news acronyms spell lower-case words too
            initials.setdefault(acronym_of(n, every_word=True), c)
    for c in list(b.clusters.values()):
        if c.type in (ORGANIZATION, GROUP) and not c.fixed_label and _looks_acronym(c.label):
            target = initials.get(c.label.replace(".", ""))
            if target is not None and target is not c:
                b.merge(c, target)
    # and the other way: a full name the gazetteer does not know ("North Atlantic Treaty
    # Organisation", a spelling variant) joins the known acronym it spells ("NATO") in the article
    known = {c.label.replace(".", ""): c for c in b.clusters.values()
             if c.type in (ORGANIZATION, GROUP) and _looks_acronym(c.label)}
    for c in list(b.clusters.values()):
        if c.type in (ORGANIZATION, GROUP) and not c.fixed_label and not _looks_acronym(c.label):
            target = known.get(acronym_of(c.label))
            if target is not None and target is not c and len(c.label.split()) >= 2:
                b.merge(c, target)


def countries_from_people(b: Builder) -> None:
    """ "the Foreign Ministry" in a sentence about Sybiha alone is Ukraine's."""
    for c in b.clusters.values():
        if c.type != ORGANIZATION or c.country or c.sector not in ("GOV", "MIL", "LEG", "JUD", "COP"):
            continue
        sent = b.doc[c.spans[0][0]].sent
        states = {p.country for p in b.clusters.values() if p.type == PERSON and p.country and p.words
                  and any(sent.start <= s < sent.end for s, _ in p.spans)}
        if len(states) == 1:
            c.country = states.pop()


#: Words acronyms skip ("Justice and Equality Movement" → JEM).
_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "de", "du", "des", "la", "le", "&"})


def acronym_of(name: str, every_word: bool = False) -> str:
    """Initials of the capitalised words of a name ("Justice and Equality Movement" → "JEM"); with
    ``every_word``, of all its words but function words, upper-cased ("Iraqi security forces" → "ISF")
    — only for names of two words or more."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if every_word:
        words = [w for w in words if w.lower() not in _FUNCTION_WORDS and w[:1].isalpha()]
        return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""
    return "".join(w[0] for w in words if w[:1].isupper())


def _looks_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


__all__ = ["acronym_of", "add_group", "add_of_institutions", "add_org", "countries_from_people",
           "resolve_acronyms"]
