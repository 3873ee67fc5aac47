"""spaCy's named entities, repaired, and all name mentions of a document (:func:`find_mentions`).

The small English models cut names ("National Council for Peace" | "and" | "Order"), miss first
mentions ("Tomasz Szatkowski"), take villages for people ("the village of Abu Suruj") and titles
for organisations ("Secretary of State"); each repair below handles one such pattern.
"""

from __future__ import annotations

from collections import Counter

from spacy.symbols import PROPN
from spacy.tokens import Doc

from kg.entities.gazetteer import ACTOR, Gazetteer, fold, low
from kg.entities.mentions import (
    NER_LABELS,
    PLACE_NOUNS,
    POSSESSIVE,
    Mention,
    gazetteer_matches,
    reconcile,
    trim,
)
from kg.entities.tokens import TokenTable

_VOTE_CLASS = {"LOC": "GPE", "FAC": "GPE"}  # place labels vote together


def find_mentions(doc: Doc, gaz: Gazetteer, table: TokenTable | None = None) -> list[Mention]:
    """All name mentions of ``doc``, sorted, non-overlapping (``table``: its token attributes)."""
    table = table if table is not None else TokenTable(doc)
    ner = [m for m in ner_mentions(doc, table) if not _title_fragment(doc, m, gaz)]
    ner = sorted(ner + _missed_names(doc, ner, table), key=lambda m: m.start)
    for m in ner:
        if m.label == "PERSON":
            _extend_given_name(doc, m, gaz)
            _known_person(doc, m, gaz)
    gaz_mentions = gazetteer_matches(doc, gaz, table)
    for k in (m for m in ner if m.kind == ACTOR):  # known people found through spaCy's span
        size = k.end - k.start
        gaz_mentions = [g for g in gaz_mentions
                        if g.end <= k.start or g.start >= k.end or g.end - g.start > size]
        if not any(g.start < k.end and k.start < g.end for g in gaz_mentions):
            gaz_mentions.append(k)
    gaz_mentions.sort(key=lambda m: m.start)
    return reconcile(gaz_mentions, [m for m in ner if m.kind != ACTOR], doc, gaz)


def ner_mentions(doc: Doc, table: TokenTable | None = None) -> list[Mention]:
    """spaCy entities of the kept labels, trimmed; one label per name (see :func:`vote_labels`)."""
    table = table if table is not None else TokenTable(doc)
    words = table.words
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        start, end = trim(doc, ent.start, ent.end)
        if start < end and any(w.isalpha() for w in words[start:end]):  # Token.is_alpha is str.isalpha()
            if out and _continues_name(doc, out[-1], start, end):
                out[-1].end = end  # "National Council for Peace" + "and" + "Order"
                continue
            out.append(Mention(start, end, "ner", ent.label_))
    for m in out:
        if m.label == "PERSON" and _place_context(doc, m):
            m.label = "GPE"
    vote_labels(doc, out, table)
    return out


def _continues_name(doc: Doc, prev: Mention, start: int, end: int) -> bool:
    """Is ``[start, end)`` the last word of an organisation's name that spaCy cut off?

    "the National Council for Peace and Order" comes out as an ORG and a PERSON "Order"; "Hamas and
    Hezbollah" (no "of"/"for" in the first name) are two bodies.
    """
    if prev.label != "ORG" or end - start != 1 or start - prev.end != 1 or doc[prev.end].lower_ != "and":
        return False
    return any(t.lower_ in ("of", "for") for t in doc[prev.start:prev.end]) and doc[start].is_title


def _place_context(doc: Doc, m: Mention) -> bool:
    """ "the village of Abu Suruj", "attacks in Jebel Moon": a name spaCy took for a person."""
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    if before is None or (after is not None and after.text in POSSESSIVE):
        return False
    if before.lower_ == "of" and m.start > 1 and doc[m.start - 2].lemma_.lower() in PLACE_NOUNS:
        return True
    root = m.span(doc).root
    if root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC", "FAC"):
        return True  # "in Phuket and Koh Samui"
    return before.lower_ in ("in", "at", "near")


def vote_labels(doc: Doc, mentions: list[Mention], table: TokenTable | None = None) -> None:
    """Give every mention of the same name the label spaCy gave it most often.

    The small model tags "Abu Suruj" a place twice and a person once; places win ties, as names of
    villages and regions are what it most often mistypes.
    """
    votes: dict[str, Counter[str]] = {}
    table = table if table is not None else TokenTable(doc)
    texts = [table.span_text(m.start, m.end) for m in mentions]
    for m, text in zip(mentions, texts, strict=True):
        votes.setdefault(text, Counter())[_VOTE_CLASS.get(m.label, m.label)] += 1
    for m, text in zip(mentions, texts, strict=True):
        counts = votes[text]
        if len(counts) > 1:
            best = max(counts.items(), key=lambda kv: (kv[1], kv[0] == "GPE"))[0]
            if _VOTE_CLASS.get(m.label, m.label) != best:
                m.label = best


def _title_fragment(doc: Doc, m: Mention, gaz: Gazetteer) -> bool:
    """ "State" in "Secretary of State Rex Tillerson": part of a title spaCy tagged ORG."""
    if m.label != "ORG" or m.start == 0:
        return False
    before = doc[m.start - 1]
    if before.lower_ not in ("of", "for") and fold(before.text) not in gaz.role_words:
        return False
    return all(fold(t.text) in gaz.role_words or t.lower_ in ("of", "for", "and")
               for t in doc[m.start:m.end] if t.is_alpha)


def _missed_names(doc: Doc, ner: list[Mention], table: TokenTable) -> list[Mention]:
    """Proper nouns spaCy did not tag that are part of a person's name it tagged elsewhere.

    "Szatkowski" and "Weerachon" (Thai people are called by their given name) alone.
    """
    surnames = {t.text for m in ner if m.label == "PERSON" and m.end - m.start > 1
                for t in doc[m.start:m.end] if t.is_title and t.is_alpha}
    surnames |= {doc[m.end - 1].text for m in ner if m.label == "PERSON"}
    if not surnames:
        return []  # no person named: spare the scan of every token
    covered = {k for m in ner for k in range(m.start, m.end)}
    # only the words spelt like a surname become Tokens
    return [Mention(i, i + 1, "ner", "PERSON") for i, w in enumerate(table.words)
            if w in surnames and i not in covered and table.pos[i] == PROPN and not doc[i].ent_type_]


def _extend_given_name(doc: Doc, m: Mention, gaz: Gazetteer) -> None:
    """ "Tomasz Szatkowski" when spaCy tagged only "Szatkowski": a given name left outside."""
    while m.start > 0:
        tok = doc[m.start - 1]
        if not (tok.pos_ == "PROPN" and tok.is_title and tok.dep_ == "compound" and not tok.ent_type_
                and m.start <= tok.head.i < m.end and fold(tok.text) not in gaz.role_words
                and not any(h.kind != ACTOR for h in gaz.lookup([tok.text], [tok.lower_]))):
            return
        m.start -= 1


def _known_person(doc: Doc, m: Mention, gaz: Gazetteer) -> None:
    """A spaCy PERSON that is, without its honorific, a gazetteer person ("Sheikh Tamim bin ...")."""
    start = m.start
    while start < m.end - 1 and (gaz.nouns.get(fold(doc[start].text), ("",))[0] == "TITLE"
                                 or fold(doc[start].text) in gaz.role_words):
        start += 1
    words = [t.text for t in doc[start:m.end]]
    hit = next((h for h in gaz.lookup(words, [low(w) for w in words])
                if h.kind == ACTOR and h.actor.type == "PERSON"), None)
    if hit is not None:
        m.start, m.kind, m.actor, m.country = start, ACTOR, hit.actor, hit.actor.country


__all__ = ["find_mentions", "ner_mentions", "vote_labels"]
