"""Error analysis for ``kg eval --explain``: why each gold event was missed and each system event unmatched.

The matching is the scorer's own (:func:`kg.ops.evaluate.find_match`, greedy in gold order).
For a gold event it did not match, the system rows of the same sentence are compared with it
part by part (predicate or type, actor, target) and the row that agrees on most parts names the
cause: the first part it gets wrong. A gold event with no system row in its sentence was *not
extracted*. A typed system row that matched nothing is explained against the gold events of its
sentence the same way, or, when the annotators coded no event there, as *no gold event*. A row
right in every part that still did not match is a *duplicate*: its gold event was taken by
another row (a second report of one event), or, for a missed gold event, its row by another gold
event.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.ops.evaluate import GoldDoc, as_list, find_match, load_gold, match_parts, norm

#: Causes in the order they are checked: the first part a near match gets wrong.
NOT_EXTRACTED = "not extracted"
WRONG_TYPE = "wrong type"
NO_ACTOR = "no actor"
WRONG_ACTOR = "wrong actor"
WRONG_OBJECT = "wrong object"
DUPLICATE = "duplicate"
NO_GOLD = "no gold event"
CAUSES = (NOT_EXTRACTED, WRONG_TYPE, NO_ACTOR, WRONG_ACTOR, WRONG_OBJECT, DUPLICATE, NO_GOLD)

#: Gold quotes abbreviate with an ellipsis; each piece must be found on its own.
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
#: Shortest quote piece (in words) trusted to locate a sentence.
_MIN_WORDS = 3


@dataclass
class Finding:
    """One gold event missed or one system event unmatched, with its most likely cause."""

    kind: str  # "missed" (a gold event) or "extra" (a typed system event)
    doc: str
    cause: str
    gold: str = ""  # the gold event as "s -p/TYPE-> o"
    system: str = ""  # the nearest system row the same way
    quote: str = ""


@dataclass
class Explanation:
    """All findings of one evaluation and their counts by cause."""

    findings: list[Finding] = field(default_factory=list)

    def counts(self, kind: str) -> dict[str, int]:
        """Findings of one kind by cause, every cause listed (0 when absent), in check order."""
        found = Counter(f.cause for f in self.findings if f.kind == kind)
        return {c: found.get(c, 0) for c in CAUSES}

    def as_dict(self) -> dict:
        """The findings and counts as plain data, for ``kg eval --json --explain``."""
        return {"missed": self.counts("missed"), "extra": self.counts("extra"),
                "findings": [vars(f) for f in self.findings]}


def _pieces(quote: str) -> list[str]:
    return [p for p in (norm(x) for x in _ELLIPSIS.split(quote or "")) if len(p.split()) >= _MIN_WORDS]


def same_sentence(gold_quote: str, row_quote: str) -> bool:
    """Does a system row's evidence lie in the sentence a gold quote comes from?"""
    row = norm(row_quote)
    if not row:
        return False
    pieces = _pieces(gold_quote)
    if any(p in row or (len(row.split()) >= _MIN_WORDS and row in p) for p in pieces):
        return True
    gold_words = {w for p in pieces for w in p.split() if len(w) > 3}
    row_words = {w for w in row.split() if len(w) > 3}
    return bool(gold_words) and len(gold_words & row_words) >= max(3, 0.6 * len(gold_words))


def _cause(parts: tuple[bool, bool, bool], row: dict) -> str:
    pred_ok, subj_ok, obj_ok = parts
    if not pred_ok:
        return WRONG_TYPE
    if not subj_ok:
        return NO_ACTOR if not str(row.get("subject", "")).strip() else WRONG_ACTOR
    if not obj_ok:
        return WRONG_OBJECT
    return DUPLICATE


def gold_text(g: dict) -> str:
    """A gold event in one line: preferred subject, predicate/type and object."""
    first = [as_list(g.get(k)) for k in ("s", "p", "type", "o")]
    s, p, t, o = (str(x[0]) if x else "" for x in first)
    return f"{s} -{p}/{t}-> {o}".rstrip()


def row_text(r: dict) -> str:
    """A system row in one line, like :func:`gold_text`."""
    neg = "not " if r.get("negated") == "true" else ""
    return f"{r.get('subject', '')} -{neg}{r.get('predicate', '')}/{r.get('event_type', '')}-> {r.get('object', '')}"


def _nearest(pairs: list[tuple[dict, dict]], doc: GoldDoc) -> tuple[dict | None, tuple[bool, bool, bool]]:
    """Of (gold event, system row) pairs, the one with most parts right, and those parts; ties go to
    a typed row (what the scorer counts), then to the first."""
    best, best_parts, best_key = None, (False, False, False), None
    for g, r in pairs:
        parts = match_parts(doc, g, r)
        key = (sum(parts), bool(r.get("event_type")))
        if best_key is None or key > best_key:
            best, best_parts, best_key = (g, r), parts, key
    return best, best_parts


def _explain_doc(doc: GoldDoc, rows: list[dict], out: Explanation) -> None:
    used: set[int] = set()
    missed = []
    for g in doc.events:
        found = find_match(doc, g, rows, used, strict=False)
        if found is None:
            missed.append(g)
        else:
            used.add(found)
    for g in missed:
        quote = str(g.get("quote", ""))
        pair, parts = _nearest([(g, r) for r in rows if same_sentence(quote, str(r.get("quote", "")))], doc)
        row = pair[1] if pair else None
        cause = NOT_EXTRACTED if row is None else _cause(parts, row)
        out.findings.append(Finding("missed", doc.id, cause, gold_text(g), row_text(row) if row else "", quote))
    for i, r in enumerate(rows):
        if i in used or not str(r.get("event_type") or "").strip():
            continue  # the scorer's precision counts typed rows only
        quote = str(r.get("quote", ""))
        pair, parts = _nearest([(g, r) for g in doc.events if same_sentence(str(g.get("quote", "")), quote)], doc)
        cause = NO_GOLD if pair is None else _cause(parts, r)
        out.findings.append(Finding("extra", doc.id, cause, gold_text(pair[0]) if pair else "", row_text(r), quote))


def explain_rows(gold_dir: Path, rows: list[dict]) -> Explanation:
    """Findings for contract rows (``kg triples`` output) against the gold files of ``gold_dir``."""
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(str(r.get("doc", "")), []).append(r)
    out = Explanation()
    for doc_id, doc in load_gold(Path(gold_dir)).items():
        _explain_doc(doc, by_doc.get(doc_id, []), out)
    return out


def explain_graph(gold_dir: Path, graph: Path) -> dict:
    """:meth:`Explanation.as_dict` of the events of a graph file against ``gold_dir``."""
    from kg.outputs.triples import event_rows

    return explain_rows(gold_dir, event_rows(graph)).as_dict()


def format_explanation(ex: dict, max_quote: int = 160) -> str:
    """The ``--explain`` part of the ``kg eval`` report (of :meth:`Explanation.as_dict`): every
    finding, then the counts by cause."""
    lines: list[str] = []
    doc = None
    for f in ex["findings"]:
        if f["doc"] != doc:
            doc = f["doc"]
            lines.append(f"{doc}:")
        lines.append(f"  {'MISSED' if f['kind'] == 'missed' else 'EXTRA '} [{f['cause']}]")
        lines += [f"      {name + ':':7} {f[name]}" for name in ("gold", "system") if f[name]]
        quote = " ".join(f["quote"].split())
        lines.append(f"      \"{quote[:max_quote]}{'…' if len(quote) > max_quote else ''}\"")
    for kind, title in (("missed", "gold events missed"), ("extra", "typed system events unmatched")):
        counts = ex[kind]
        total = sum(counts.values())
        shown = ", ".join(f"{c} {n}" for c, n in counts.items() if n)
        lines.append(f"{title}: {total} ({shown})" if total else f"{title}: 0")
    return "\n".join(lines)
