"""People's roles and states from their context, and the words of person names.

"Ukrainian President Volodymyr Zelensky" → role President, country UKR (title before the name);
"Lin Jian, a spokesperson for the Chinese Foreign Ministry" → role spokesperson, country CHN
(apposition); "China's chargé d'affaires" → an unnamed office holder of China.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.entities.gazetteer import Gazetteer, fold
from kg.entities.mentions import Mention
from kg.entities.tokens import TokenTable

#: How far left of a name a title may reach ("US State Department spokesperson Tammy Bruce").
TITLE_WINDOW = 8
_LINKS = {"of", "for", "'s", "’s", "-"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii"}
_PARTICLES = ("al-", "el-", "as-", "ash-", "ad-")


@dataclass
class Context:
    """Role, sector and state a mention's surroundings give a person, and the titled phrase."""

    role: str = ""
    sector: str = ""
    country: str = ""
    title_start: int = -1  # first token of "Ukrainian President Volodymyr Zelensky", or -1
    title_end: int = -1  # end of a role phrase apart from the name ("The Vice Speaker of X, Gigi ...")


def name_words(text: str) -> list[str]:
    """Lower-case words of a person name, without suffixes ("Jr.") and punctuation."""
    words = [w.strip(",.").lower() for w in text.replace("’", "'").split()]
    return [w for w in words if w and w not in _SUFFIXES]


def word_forms(words: list[str]) -> set[str]:
    """Words plus their forms without Arabic article ("al-Obeidi" → "obeidi")."""
    out = set(words)
    for w in words:
        for p in _PARTICLES:
            if w.startswith(p) and len(w) > len(p) + 1:
                out.add(w[len(p):])
    return out


def _is_title_token(tok: Token, gaz: Gazetteer, owner: dict[int, Mention]) -> bool:
    low = fold(tok.text)
    if tok.i in owner:
        m = owner[tok.i]
        return m.label != "PERSON"
    if low in _LINKS:
        return True
    noun = gaz.nouns.get(low)
    # plural nouns are no titles: "forces of Libyan leader Muammar Gaddafi"
    return (low in gaz.role_words and not tok.is_stop and tok.tag_ != "NNS") or (
        noun is not None and noun[0] == "TITLE")


def _state_of(m: Mention) -> str:
    if m.actor is not None and m.label in ("COUNTRY", "LOCATION") and m.kind != "ner":
        return m.actor.country
    return m.country or (m.actor.country if m.actor else "")


def _role_in(table: TokenTable, start: int, end: int, gaz: Gazetteer) -> tuple[str, str, int]:
    """The longest role phrase ending at ``end`` within ``[start, end)``: (role, sector, role start)."""
    for s in range(max(start, end - gaz.max_role_len), end):
        phrase = table.span_text(s, end)  # the text of doc[s:end], without building the span
        sector = gaz.role(phrase)
        if sector is not None and table.words[s] not in _LINKS:
            return phrase, sector, s
    return "", "", -1


def title_context(doc: Doc, start: int, gaz: Gazetteer, owner: dict[int, Mention],
                  table: TokenTable | None = None) -> Context:
    """Role and state from the words right before a name ("Russia's Foreign Minister ...");
    ``table``: the doc's token attributes, if already read."""
    if start == 0:
        return Context()
    ws = start
    sent_start = doc[start - 1].sent.start
    while ws > max(sent_start, start - TITLE_WINDOW) and _is_title_token(doc[ws - 1], gaz, owner):
        ws -= 1
    while ws < start and fold(doc[ws].text) in _LINKS:
        ws += 1
    if ws == start:
        return Context()
    ctx = Context()
    # the role ends right before the name: "government of Thaksin Shinawatra" has none
    ctx.role, ctx.sector, role_start = _role_in(table if table is not None else TokenTable(doc), ws, start, gaz)
    first_named = start
    for k in range(ws, start):
        m = owner.get(k)
        if m is not None and _state_of(m):
            ctx.country, first_named = _state_of(m), m.start
            break
    if ctx.role or ctx.country:
        # the titled phrase starts at its first role word or named state/body, not at "position of"
        ctx.title_start = min(role_start if ctx.role else start, first_named)
    return ctx


def appositive_context(doc: Doc, head: Token, gaz: Gazetteer, owner: dict[int, Mention],
                       table: TokenTable | None = None) -> Context:
    """Role and state from an apposition.

    After the name: "Lin Jian, a spokesperson for the Chinese Foreign Ministry"; before it: "The
    British Foreign Secretary, William Hague, said" (then ``title_start`` is the role phrase's start).
    """
    table = table if table is not None else TokenTable(doc)
    # the parser sometimes makes ", Polish Undersecretary of State ," a conjunct
    comma_conj = [c for c in head.children
                  if c.dep_ == "conj" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","]
    for app in (c for c in [*head.children, *comma_conj] if c.i > head.i and (
            c.dep_ == "appos" or c in comma_conj)):
        ctx = _role_phrase(table, app, app.left_edge.i, app.right_edge.i + 1, gaz, owner)
        if ctx.role:
            ctx.title_start = -1  # the apposition after a name is not part of it
            return ctx
    if head.dep_ == "appos" and head.head.i < head.i:
        role_head = head.head
        ctx = _role_phrase(table, role_head, role_head.left_edge.i, head.left_edge.i, gaz, owner)
        if ctx.role:
            end = head.left_edge.i
            while end > role_head.i + 1 and doc[end - 1].is_punct:
                end -= 1
            ctx.title_end = end
            return ctx
    return Context()


def _role_phrase(table: TokenTable, head: Token, start: int, end: int, gaz: Gazetteer,
                 owner: dict[int, Mention]) -> Context:
    """The longest role ending at or after ``head`` ("Secretary of State", not "Secretary")."""
    role, sector, role_start = "", "", -1
    for e in range(end, head.i, -1):
        role, sector, role_start = _role_in(table, start, e, gaz)
        if role and role_start <= head.i:  # "Secretary of State for the Trump administration"
            break
        role = ""
    if not role:
        return Context()
    country, first_named = "", role_start
    for k in range(start, end):
        m = owner.get(k)
        if m is not None and m.label != "PERSON" and _state_of(m):
            country, first_named = _state_of(m), min(role_start, m.start)
            break
    return Context(role=role, sector=sector, country=country, title_start=first_named)


def office_head(tok: Token, gaz: Gazetteer) -> bool:
    """Is ``tok`` the last word of a role naming a single office holder ("minister", "d'affaires")?"""
    noun = gaz.nouns.get(fold(tok.text))
    return noun is not None and noun[0] == "OFFICE" and tok.pos_ in ("NOUN", "PROPN")


__all__ = ["Context", "appositive_context", "name_words", "office_head", "title_context", "word_forms"]
