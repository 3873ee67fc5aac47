"""Token attributes of one parsed document, read from spaCy in bulk once (:class:`TokenTable`).

Every ``doc[i]`` and every step of ``for tok in doc`` builds a new spaCy ``Token``, and each string
attribute of it is a separate lookup in the string store; the entity steps scanned every token of a
document six times that way. ``Doc.to_array`` copies the attributes of all tokens in one call, and
the strings are looked up once per distinct word. The steps then scan these lists and build a
``Token`` only for the few candidates that pass the cheap tests.
"""

from __future__ import annotations

from functools import cached_property

from spacy.attrs import IDX, LOWER, ORTH, POS, SPACY
from spacy.tokens import Doc

_COLUMNS = [ORTH, LOWER, POS, IDX, SPACY]


class TokenTable:
    """Per-token attributes of ``doc`` as plain lists, indexed like the doc's tokens.

    ``words`` (``Token.text``), ``lowers`` (``Token.lower_``),
    ``pos`` (``Token.pos`` as a spaCy symbol id, compare with :mod:`spacy.symbols`), ``idx``
    (``Token.idx``) and ``space`` (``Token.whitespace_`` is one space).
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._cols = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        self._strings = doc.vocab.strings

    def _texts(self, col: int) -> list[str]:
        # each distinct hash is looked up once: a news article repeats most of its words
        hashes = self._cols[col]
        strings = self._strings
        texts = {h: strings[h] for h in set(hashes)}
        return list(map(texts.__getitem__, hashes))

    @cached_property
    def words(self) -> list[str]:
        """``Token.text`` of every token."""
        return self._texts(0)

    @cached_property
    def lowers(self) -> list[str]:
        """``Token.lower_`` of every token."""
        return self._texts(1)

    @property
    def pos(self) -> list[int]:
        """``Token.pos`` (a :mod:`spacy.symbols` id) of every token."""
        return self._cols[2]

    @property
    def idx(self) -> list[int]:
        """``Token.idx``: character offset of every token."""
        return self._cols[3]

    @property
    def space(self) -> list[int]:
        """1 where a token is followed by a space (``Token.whitespace_``), else 0."""
        return self._cols[4]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the span: the words and the spaces between them."""
        if end - start <= 1:
            return self.words[start] if end > start else ""
        words, space = self.words, self.space
        return "".join([*(words[k] + " " if space[k] else words[k] for k in range(start, end - 1)), words[end - 1]])

    def __len__(self) -> int:
        return len(self._cols[0])


__all__ = ["TokenTable"]
