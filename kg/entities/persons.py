"""People: clustering of names (surnames join full names), titles, appositions, office holders.

Full names are clustered first; a single name then joins the person whose name contains it and who
was mentioned nearest before it ("Lin" → "Lin Jian"). spaCy names of other types that are words of a
person's name are that person ("Tsvangirai" tagged ORG).
"""

from __future__ import annotations

from spacy.symbols import NOUN, PROPN

from kg.entities.clusters import Builder, Cluster
from kg.entities.gazetteer import PLACE, fold
from kg.entities.mentions import Mention
from kg.entities.people import Context, appositive_context, name_words, title_context, word_forms
from kg.model import PERSON


def add_people(b: Builder, person_mentions: list[Mention]) -> None:
    """Cluster person mentions: full names first, then single names join the nearest full name."""
    multi = [m for m in person_mentions if len(_words(b, m)) > 1 or m.actor is not None]
    single = [m for m in person_mentions if m not in multi]
    for m in multi:
        _add_person(b, m, _person_cluster(b, m))
    for m in single:
        _add_person(b, m, _surname_cluster(b, m))


def _words(b: Builder, m: Mention) -> list[str]:
    """Name words of a person mention, without leading honorifics ("Mr Gutierrez" is Gutierrez)."""
    words = name_words(b.table.span_text(m.start, m.end))
    while len(words) > 1 and _is_honorific(b, words[0]):
        words = words[1:]
    return words


def _is_honorific(b: Builder, word: str) -> bool:
    return b.gaz.nouns.get(word.lower(), ("",))[0] == "TITLE"  # "Mr", "Dr", "Sheikh" (nouns.tsv)


def _person_cluster(b: Builder, m: Mention) -> Cluster:
    if m.actor is not None:
        c = b.cluster(PERSON, m.actor.name, m.actor)
        if b.table.span_text(m.start, m.end).lower() == c.label.lower():
            c.label = b.table.span_text(m.start, m.end)  # the article's casing: "La Russa", not the dictionary's
        return c
    words = _words(b, m)
    for c in b.clusters.values():
        if c.type == PERSON and c.words and words[-1] in c.words and (
                set(words) <= c.words or (c.words <= set(words))) and _same_initials(words, c):
            if len(words) > len(c.label.split()) and not c.fixed_label:
                c.label = b.table.span_text(m.start, m.end)
            return c
    return b.cluster(PERSON, b.table.span_text(m.start, m.end))


def _same_initials(words: list[str], c: Cluster) -> bool:
    """Names that both spell middle initials spell the same ones: "George W. Bush" is not "George H.
    W. Bush", while "John Kennedy" is "John F. Kennedy"."""
    mine = {w for w in words if len(w) == 1}
    theirs = {w for w in name_words(c.label) if len(w) == 1}
    return not (mine and theirs) or mine == theirs


def _honorific_gender(b: Builder, text: str) -> str:
    """ "m"/"f" from a leading honorific ("Mr", "Mrs", "Dame"), else ""."""
    first = text.split(" ", 1)[0].lower()
    return b.gaz.genders.get(first, "") if _is_honorific(b, first) else ""


def one_edit(a: str, b: str) -> bool:
    """Do two words differ by one letter inserted, dropped or replaced (a misspelling)?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def misspelt_surname(b: Builder, word: str) -> Cluster | None:
    """The one person of the article whose surname ``word`` misspells ("Petraus" for Petraeus).

    Only surnames of six letters or more, of people named in full, the first letter kept, and a
    single such person: short names differ by a letter too often ("Ahmed" / "Ahmad" are two people).
    """
    if len(word) < 6:
        return None
    found = {c.key: c for c in b.clusters.values() if c.type == PERSON and len(name_words(c.label)) > 1
             and (last := name_words(c.label)[-1])[:1] == word[:1] and len(last) >= 6 and one_edit(word, last)}
    return next(iter(found.values())) if len(found) == 1 else None


def _surname_cluster(b: Builder, m: Mention) -> Cluster:
    word = _words(b, m)[0] if _words(b, m) else ""
    gender = _honorific_gender(b, b.table.span_text(m.start, m.end))
    best, best_dist = None, None
    for c in b.clusters.values():
        if c.type != PERSON or word not in c.words:
            continue
        if gender and any(g and g != gender for g in (_honorific_gender(b, n) for n in [c.label, *c.names])):
            continue  # "Mrs Smith" is not the "Mr Smith" of the same article
        dist = min((m.start - s if s < m.start else 10_000 + s - m.start) for s, _ in c.spans)
        if best_dist is None or dist < best_dist:
            best, best_dist = c, dist
    return best or misspelt_surname(b, word) or b.cluster(PERSON, b.table.span_text(m.start, m.end))


def _add_person(b: Builder, m: Mention, c: Cluster) -> None:
    c.words |= word_forms(_words(b, m))
    title = title_context(b.doc, m.start, b.gaz, b.owner, b.table)
    app = appositive_context(b.doc, b.doc[m.end - 1], b.gaz, b.owner, b.table)
    for ctx in (title, app):
        _apply(c, ctx)
    b.attach(c, m.start, m.end)
    if app.title_start >= 0:  # "The British Foreign Secretary, William Hague"
        _own_title(b, c, app.title_start, app.title_end)
    if title.title_start >= 0:
        # the titled phrase is an alias; its state/organisation words keep their own entities
        _own_title(b, c, title.title_start, m.end, name_start=m.start)


def _apply(c: Cluster, ctx: Context) -> None:
    """Take role and state from a context; the text's state beats a derived dictionary's."""
    if ctx.role and not c.role:
        c.role, c.sector = ctx.role, ctx.sector or c.sector
    if ctx.country and (not c.country or not c.fixed_label):
        c.country = ctx.country


def _own_title(b: Builder, c: Cluster, start: int, end: int, name_start: int | None = None) -> None:
    """A titled phrase is an alias; its state/organisation words keep their own entities."""
    b.attach(c, start, end, own_tokens=False)
    for k in range(start, end if name_start is None else name_start):
        if k not in b.owner:
            b.tokens[k] = c.key




def reclassify_as_people(b: Builder) -> None:
    """spaCy ORG/GPE/place names that are words of a person named in the article are that person."""
    person_words = {w: c for c in b.clusters.values() if c.type == PERSON for w in c.words}
    surnames = {name_words(c.label)[-1] for c in b.clusters.values() if c.type == PERSON and c.words}
    for m in b.mentions:
        if m.kind not in ("ner", PLACE) or m.label == "PERSON":
            continue
        span = m.span(b.doc)
        words = name_words(span.text)
        if not words or len(words) > 3:
            continue
        # "Tsvangirai" tagged ORG; "Thaksin Shinawatra" (ORG) beside "Yingluck Shinawatra"
        family = len(words) > 1 and words[-1] in surnames and all(t.is_title for t in span if t.is_alpha)
        misspelt = m.kind == "ner" and len(words) == 1 and misspelt_surname(b, words[0]) is not None
        if all(w in person_words for w in words) or (family and m.label == "ORG") or misspelt:
            m.label, m.kind, m.actor = "PERSON", "ner", None


_NOUNS = (NOUN, PROPN)  # office_head(): an office is named by a noun


def _is_office(noun: tuple[str, str] | None) -> bool:
    return noun is not None and noun[0] == "OFFICE"


def add_offices(b: Builder) -> None:
    """ "China's chargé d'affaires": an office holder named by role and state only."""
    words, pos = b.table.words, b.table.pos
    for i, word in enumerate(words):
        # office_head() on the table first: a Token only for the words that name an office
        if i in b.tokens or pos[i] not in _NOUNS or not _is_office(b.gaz.nouns.get(fold(word))):
            continue
        tok = b.doc[i]
        ctx = title_context(b.doc, tok.i + 1, b.gaz, b.owner, b.table)
        if not ctx.country or not ctx.role:
            continue
        nxt = b.doc[tok.i + 1] if tok.i + 1 < len(b.doc) else None
        if nxt is not None and (nxt.i in b.owner or nxt.pos_ == "PROPN"):
            continue  # a title before a name, handled with the name
        named = b.tokens.get(tok.head.i, "") if tok.dep_ == "appos" else ""
        if named.startswith("person:") and named in b.clusters:
            # "Jamieson Greer, United States Trade Representative": the office names that person;
            # it refers to them but is no alias (the next holder of the office is someone else)
            holder = b.clusters[named]
            holder.country = holder.country or ctx.country
            holder.spans.append((ctx.title_start, tok.i + 1))
            b.tokens.update({k: named for k in range(ctx.title_start, tok.i + 1) if k not in b.owner})
            continue
        c = _named_holder(b, ctx) or b.cluster(PERSON, b.table.span_text(ctx.title_start, tok.i + 1),
                                                    country=ctx.country, role=ctx.role, sector=ctx.sector)
        b.attach(c, ctx.title_start, tok.i + 1)


def _named_holder(b: Builder, ctx: Context) -> Cluster | None:
    role = fold(ctx.role)
    for c in b.clusters.values():
        if c.type == PERSON and c.country == ctx.country and c.role and fold(c.role) == role and c.words:
            return c
    return None


__all__ = ["add_offices", "add_people", "misspelt_surname", "one_edit", "reclassify_as_people"]
