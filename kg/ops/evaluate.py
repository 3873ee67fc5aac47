"""``kg eval``: score a graph's events against gold annotations (``eval/GUIDELINES.md``).

The matching rules are those of the reference scorer ``eval/score.py`` and must give exactly
its numbers (a test checks this):

- strings are compared after lower-casing, dropping accents, possessives, punctuation and a
  leading "the";
- a system argument matches a gold entity alternative by its name or an alias, by a person's
  name contained in the other with the same surname, or, for a COUNTRY, by the ISO code the
  system gives; a concept alternative matches a word of the system label; "" matches anything;
- the predicate matches by lemma or by event type (``strict``: by event type only);
- each system event matches at most one gold event (greedy, in gold order);
- recall counts all gold events; precision only system events that carry an event type.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import DocResult

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
#: Older PLOVER names, read as their current type.
LEGACY_TYPES = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
#: Gold entity types counted by entity recall.
ACTOR_TYPES = frozenset({"PERSON", "COUNTRY", "ORGANIZATION", "GROUP"})


def norm(text: str) -> str:
    """Comparison form of a label: lower case, no accents, possessives, punctuation or leading "the"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def person_like(a: str, b: str) -> bool:
    """Two normalised person names share the surname and one's words contain the other's."""
    ta, tb = a.split(), b.split()
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    return set(ta) <= set(tb) or set(tb) <= set(ta)


def as_list(v: object) -> list:
    """A gold field as a list of alternatives."""
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def event_type(v: object) -> str:
    """A PLOVER type name in its current spelling (older names mapped)."""
    t = str(v or "").strip().upper()
    return LEGACY_TYPES.get(t, t)


@dataclass
class GoldDoc:
    """One gold file: its entities by name and its events."""

    id: str
    entities: dict[str, dict] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)

    @classmethod
    def from_json(cls, gold: dict) -> GoldDoc:
        return cls(gold["doc"], {e["name"]: e for e in gold.get("entities", [])}, gold.get("events", []))

    def surface(self, name: str) -> list[str]:
        """Normalised name and aliases of a gold entity (or the name itself for a concept)."""
        ent = self.entities.get(name)
        if ent is None:
            return [norm(name)]
        return [norm(name)] + [norm(a) for a in ent.get("aliases", [])]

    def arg_matches(self, label: str, country: str, alternatives: list[str]) -> bool:
        """Does a system argument (label, ISO country) match one of the gold alternatives?"""
        lab = norm(label)
        return any(self._alt_matches(lab, country, alt) for alt in alternatives)

    def _alt_matches(self, lab: str, country: str, alt: str) -> bool:
        if alt == "":
            return True
        ent = self.entities.get(alt)
        if ent is None:  # a concept lemma
            return bool(norm(alt)) and (norm(alt) == lab or norm(alt) in lab.split())
        for s in self.surface(alt):
            if s and (s == lab or (ent.get("type") == "PERSON" and person_like(s, lab))):
                return True
        return ent.get("type") == "COUNTRY" and bool(country) and country == ent.get("country")


def load_gold(gold_dir: Path) -> dict[str, GoldDoc]:
    """All ``*.gold.json`` files of a directory, by document id."""
    docs = {}
    for f in sorted(Path(gold_dir).glob("*.gold.json")):
        d = GoldDoc.from_json(json.loads(f.read_text(encoding="utf-8")))
        docs[d.id] = d
    return docs


def match_parts(doc: GoldDoc, g: dict, r: dict, strict: bool = False) -> tuple[bool, bool, bool]:
    """Whether system row ``r`` gets gold event ``g``'s predicate (or type; ``strict``: type only),
    actor and target right."""
    typ = event_type(r.get("event_type"))
    types = [event_type(t) for t in as_list(g.get("type"))]
    preds = [norm(p) for p in as_list(g.get("p"))]
    pred_ok = typ in types or (not strict and norm(str(r.get("predicate", ""))) in preds)
    subj_ok = doc.arg_matches(str(r.get("subject", "")), str(r.get("subject_country", "")), as_list(g.get("s")))
    o_alts = as_list(g.get("o")) or [""]
    obj = str(r.get("object", "") or "")
    obj_ok = doc.arg_matches(obj, str(r.get("object_country", "")), o_alts) or (not obj and "" in o_alts)
    return pred_ok, subj_ok, obj_ok


def find_match(doc: GoldDoc, g: dict, sys_events: list[dict], used: set[int], strict: bool) -> int | None:
    """Index of the first unused system row that matches gold event ``g``, or None."""
    return next((i for i, r in enumerate(sys_events) if i not in used and all(match_parts(doc, g, r, strict))), None)


def score_rows(gold_dir: Path, rows: list[dict], strict: bool = False) -> dict:
    """Precision, recall and F1 of contract rows (``kg triples`` output) against the gold files."""
    docs = load_gold(gold_dir)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(str(r.get("doc", "")), []).append(r)
    tp = n_gold = n_sys = 0
    per_doc = {}
    for doc_id, doc in docs.items():
        sys_events = by_doc.get(doc_id, [])
        used: set[int] = set()
        missed = []
        for g in doc.events:
            found = find_match(doc, g, sys_events, used, strict)
            if found is None:
                missed.append(g.get("quote", "")[:80])
            else:
                used.add(found)
        typed = [r for r in sys_events if str(r.get("event_type") or "").strip()]
        typed_hits = sum(1 for i in used if str(sys_events[i].get("event_type") or "").strip())
        tp += len(used)
        n_gold += len(doc.events)
        n_sys += len(typed)
        per_doc[doc_id] = {"gold": len(doc.events), "hits": len(used), "typed_sys": len(typed),
                           "typed_hits": typed_hits, "missed": missed}
    typed_tp = sum(v["typed_hits"] for v in per_doc.values())
    recall = tp / n_gold if n_gold else 0.0
    precision = typed_tp / n_sys if n_sys else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": n_gold,
            "typed_system": n_sys, "matched": tp, "per_doc": per_doc}


def _graph_labels(graph: Path) -> dict[str, set[str]]:
    """Normalised label/altLabel → the resources it labels, over all graphs of the file."""
    import pyoxigraph as ox

    store = ox.Store()
    trig = graph.suffix == ".trig"
    store.load(path=str(graph), format=ox.RdfFormat.TRIG if trig else ox.RdfFormat.TURTLE)
    pattern = f"?e <{RDFS_LABEL}>|<{SKOS_ALT}> ?l"
    query = f"SELECT DISTINCT ?e ?l WHERE {{ GRAPH ?g {{ {pattern} }} }}" if trig else \
        f"SELECT DISTINCT ?e ?l WHERE {{ {pattern} }}"
    labels: dict[str, set[str]] = {}
    for sol in store.query(query):
        labels.setdefault(norm(sol["l"].value), set()).add(str(sol["e"]))
    return labels


def entity_scores(gold_dir: Path, graph: Path) -> dict:
    """Entity recall (gold actors labelling some resource) and fragmentation (an actor's own names
    labelling several resources) of a graph."""
    labels = _graph_labels(Path(graph))
    found = total = fragmented = 0
    for f in sorted(Path(gold_dir).glob("*.gold.json")):
        entities = json.loads(f.read_text(encoding="utf-8")).get("entities", [])
        names_of = [{norm(e["name"])} | {norm(a) for a in e.get("aliases", [])} for e in entities]
        for i, e in enumerate(entities):
            if e.get("type") not in ACTOR_TYPES:
                continue
            total += 1
            names = names_of[i]
            if set().union(*(labels.get(n, set()) for n in names)):
                found += 1
            if e.get("type") == "COUNTRY":
                continue  # capitals and demonyms may rightly be nodes of their own
            own = {n for n in names if n in labels and not any(n in o for j, o in enumerate(names_of) if j != i)}
            if len(own) > 1 and len({r for n in own for r in labels[n]}) > 1:
                fragmented += 1
    return {"entity_recall": found / total if total else 0.0, "entities": total, "fragmented": fragmented}


def fragment_details(gold_dir: Path, graph: Path) -> list[dict]:
    """Why :func:`entity_scores` counts each fragmented gold actor: per gold entity whose own names
    label several resources, the resources with their labels and the documents that mention them."""
    import pyoxigraph as ox

    labels = _graph_labels(Path(graph))
    store = ox.Store()
    store.load(path=str(graph), format=ox.RdfFormat.TRIG if Path(graph).suffix == ".trig" else ox.RdfFormat.TURTLE)
    named: dict[str, set[str]] = {}
    docs: dict[str, set[str]] = {}
    for sol in store.query(f"SELECT DISTINCT ?e ?l WHERE {{ ?e <{RDFS_LABEL}>|<{SKOS_ALT}> ?l }}",
                           use_default_graph_as_union=True):
        named.setdefault(str(sol["e"].value), set()).add(sol["l"].value)
    for sol in store.query("SELECT DISTINCT ?e ?d WHERE { ?e <https://w3id.org/geokg/ontology#mentionedIn> ?d }",
                           use_default_graph_as_union=True):
        docs.setdefault(str(sol["e"].value), set()).add(sol["d"].value.rsplit("/", 1)[-1])
    out = []
    for f in sorted(Path(gold_dir).glob("*.gold.json")):
        entities = json.loads(f.read_text(encoding="utf-8")).get("entities", [])
        names_of = [{norm(e["name"])} | {norm(a) for a in e.get("aliases", [])} for e in entities]
        for i, e in enumerate(entities):
            if e.get("type") not in ACTOR_TYPES or e.get("type") == "COUNTRY":
                continue
            own = {n for n in names_of[i] if n in labels and not any(n in o for j, o in enumerate(names_of) if j != i)}
            resources = sorted({r.strip("<>") for n in own for r in labels[n]})
            if len(own) > 1 and len(resources) > 1:
                out.append({"doc": f.name.removesuffix(".gold.json"), "entity": e["name"], "type": e["type"],
                            "names": sorted(own),
                            "resources": [{"iri": r, "labels": sorted(named.get(r, set())),
                                           "documents": sorted(docs.get(r, set()))} for r in resources]})
    return out


def format_fragments(rows: list[dict]) -> str:
    """The fragmented gold actors of :func:`fragment_details`, one block each."""
    lines = []
    for row in rows:
        lines.append(f"FRAGMENTED {row['doc']}: {row['type']} {row['entity']!r} (own names: {', '.join(row['names'])})")
        for r in row["resources"]:
            lines.append(f"    {r['iri']}  labels: {' | '.join(r['labels'])}")
            lines.append(f"        minted by: {', '.join(r['documents']) or '(no document: a vocabulary term)'}")
    lines.append(f"fragmented gold entities: {len(rows)}")
    return "\n".join(lines)


def result_rows(result: DocResult) -> list[dict]:
    """Contract rows of an in-memory :class:`DocResult` (as ``kg triples`` would list them), for
    scoring an extraction without building a graph. Concept arguments are labelled by their text."""
    def label(key: str, text: str) -> tuple[str, str]:
        ent = result.entity(key) if key else None
        return (ent.label, ent.country) if ent else (text, "")

    rows = []
    for e in result.events:
        subject, subject_country = label(e.subject, e.subject_text)
        obj, object_country = label(e.object, e.object_text)
        rows.append({"doc": result.document.id, "sentence": e.sentence, "subject": subject,
                     "subject_country": subject_country, "predicate": e.predicate, "event_type": e.event_type,
                     "mode": e.mode, "object": obj, "object_country": object_country,
                     "negated": "true" if e.negated else "false", "attributed_to": label(e.attributed_to, "")[0],
                     "date": e.date, "location": label(e.location, "")[0], "confidence": e.confidence,
                     "quote": e.quote})
    return rows


def evaluate_rows(gold_dir: Path, rows: list[dict]) -> dict:
    """Event scores of rows: lenient numbers at the top level, ``strict`` (type must match) nested."""
    res = score_rows(gold_dir, rows)
    res["strict"] = {k: v for k, v in score_rows(gold_dir, rows, strict=True).items() if k != "per_doc"}
    return res


def evaluate(gold_dir: Path, graph_path: Path) -> dict:
    """Score the events and entities of the graph file ``graph_path`` against ``gold_dir``.

    Returns ``precision``, ``recall``, ``f1``, ``per_doc``, ``strict`` (a dict of the same
    numbers when the event type must match), ``entity_recall``, ``entities`` and ``fragmented``.
    """
    from kg.outputs.triples import event_rows

    res = evaluate_rows(Path(gold_dir), event_rows(Path(graph_path)))
    res.update(entity_scores(Path(gold_dir), Path(graph_path)))
    return res


def format_report(res: dict) -> str:
    """The human-readable report of ``kg eval`` (per document, then overall)."""
    lines = []
    for doc_id, v in res["per_doc"].items():
        lines.append(f"{doc_id}: {v['hits']}/{v['gold']} gold found, "
                     f"{v['typed_hits']}/{v['typed_sys']} typed system events matched")
        lines += [f"    missed: {m}" for m in v["missed"]]
    st = res["strict"]
    lines.append(f"strict (event type must match): P {st['precision']:.3f} R {st['recall']:.3f} F1 {st['f1']:.3f}")
    if "entity_recall" in res:
        lines.append(f"entities: recall {res['entity_recall']:.3f} of {res['entities']}, "
                     f"fragmented {res['fragmented']}")
    lines.append(f"events: P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f}")
    return "\n".join(lines)
