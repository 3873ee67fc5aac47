"""Generate ``plover.ttl`` and ``cameo.ttl`` (SKOS concept schemes) from the PLOVER sources.

Sources (Open Event Data Alliance, CC BY-SA 4.0, from the openeventdata/PLOVER repository):
``PLOVER_MANUAL_v2.0draft.tex`` (modes, contexts, sector codes, quad classes),
``plover_event_types.csv`` and ``cameo_root_codes.csv`` (summary tables) and
``CAMEO2PLOVER-2021.txt`` (CAMEO codes → PLOVER event, mode, context). Codes that GeoKG's own data
files use but PLOVER lacks (modes and contexts of CAMEO2PLOVER and ``kg/data/lexicon/verbs.tsv``,
CAMEO/Phoenix sector codes of ``kg/data/gazetteer/roles.tsv``) are added with a scope note, so every
IRI the graph stage can mint is declared.

Usage (output is committed; CI does not have the sources)::

    .venv/bin/python ontologies/build_schemes.py [--source ../shared/data-sources/plover]

The generated files are CC BY-SA 4.0 like their source; this script is under the project licence.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.rdf.iris import code_slug  # noqa: E402  (the graph stage mints mode/context IRIs with it)

PLOVER = Namespace("https://w3id.org/geokg/plover/")
CAMEO = Namespace("https://w3id.org/geokg/cameo/")
GK_ONTOLOGY = URIRef("https://w3id.org/geokg/ontology")
CC_BY_SA = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
PLOVER_REPO = URIRef("https://github.com/openeventdata/PLOVER")
VERSION = "2.0draft-geokg1"

ATTRIBUTION = (
    "Derived from PLOVER (Political Language Ontology for Verifiable Event Records) by the Open Event "
    "Data Alliance, https://github.com/openeventdata/PLOVER: PLOVER_MANUAL_v2.0draft.tex and "
    "CAMEO2PLOVER-2021.txt (Philip Schrodt, Andrew Halterman et al.), licensed under CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/). Converted to SKOS by the GeoKG contributors; "
    "this file is distributed under the same licence."
)

#: Human labels of PLOVER sector codes (the manual gives only descriptions).
SECTOR_LABELS = {
    "COP": "police", "GOV": "government", "JUD": "judiciary", "LEG": "legislature", "MIL": "military",
    "PRM": "paramilitary", "PTY": "political party", "REB": "rebels", "SPY": "intelligence services",
    "UAF": "unidentified armed forces", "UNK": "unidentified actor", "AGR": "agriculture",
    "BUS": "business", "CRM": "criminals", "CVL": "civilians", "EDU": "education",
    "ELI": "former elites", "JRN": "journalists and media", "LAB": "labour", "MED": "health",
    "REF": "refugees", "OPP": "political opposition", "PRE": "partially recognised entity",
    "REL": "religion", "SOC": "civil society",
}

#: CAMEO / Phoenix agent codes that GeoKG's role gazetteer (from Phoenix.agents.txt) may emit but
#: PLOVER dropped or renamed: label and the PLOVER code closest in meaning.
PHOENIX_SECTORS = {
    "BUD": ("business (Phoenix)", "BUS"), "CHR": ("Christian", "REL"), "ENV": ("environmental group", "SOC"),
    "HIN": ("Hindu", "REL"), "HLH": ("health (CAMEO HLH)", "MED"), "HRI": ("human rights group", "SOC"),
    "IGO": ("intergovernmental organisation", ""), "IMG": ("immigrants", "REF"), "JEW": ("Jewish", "REL"),
    "MUS": ("Muslim", "REL"), "NGO": ("non-governmental organisation", "SOC"), "PPL": ("people", "CVL"),
    "RAD": ("radicals", "OPP"), "INS": ("insurgents", "REB"), "SEP": ("separatists", "REB"),
}


@dataclass
class Mode:
    """A PLOVER mode code and what each event type means by it."""

    code: str
    meanings: dict[str, str] = field(default_factory=dict)  # event type → definition
    sources: set[str] = field(default_factory=set)


def tex_clean(text: str) -> str:
    """TeX markup → plain text (enough for the manual's tables)."""
    text = re.sub(r"\\(?:plcat|plcon|plmod|textit|textbf|emph|ti|txt|texttt|textsf)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\hyperref\[[^]]*\]\{([^{}]*)\}", r"\1", text)
    text = text.replace("``", "\u201c").replace("''", "\u201d").replace("---", "\u2014").replace("--", "\u2013")
    text = text.replace("\\_", "_").replace("\\&", "&").replace("\\ldots", "\u2026").replace("~", " ")
    text = re.sub(r"`([^']*)'", "\u2018\\1\u2019", text)
    text = re.sub(r"\\[a-zA-Z]+\*?(\{[^{}]*\})?", "", text)
    return " ".join(text.replace('"', "\u201d").split())


def table_rows(body: str) -> list[tuple[str, str]]:
    """``name & content \\\\`` rows of a LaTeX table body; continuation lines join the previous row."""
    lines = [ln for ln in body.splitlines() if not ln.lstrip().startswith("%")]
    rows: list[tuple[str, str]] = []
    for raw in " ".join(lines).split("\\\\"):
        raw = raw.replace("\\hline", "").replace("\\cline{1-2}", "").strip()
        if "&" not in raw:
            continue
        name, _, content = raw.partition("&")
        name, content = tex_clean(name), tex_clean(content)
        if not name and rows:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {content}".strip())
        elif name and name.lower() not in ("name", "code"):
            rows.append((name, content))
    return rows


def manual_modes(tex: str) -> dict[str, dict[str, str]]:
    """Event type → {mode: definition} from the manual's mode tables."""
    out: dict[str, dict[str, str]] = {}
    pattern = r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}?\s*modes[^\n]*\n(.*?)\\end\{tabular\}"
    for event, body in re.findall(pattern, tex, re.S):
        body = body.split("Content \\\\", 1)[-1]
        out[event] = dict(table_rows(body))
    out.setdefault("REJECT", out.get("REQUEST", {}))
    out.setdefault("REQUEST", out.get("REJECT", {}))
    return out


def longtable(tex: str, label: str) -> list[tuple[str, str]]:
    """Rows of the longtable with ``\\label{label}``."""
    body = tex.split(f"\\label{{{label}}}", 1)[1].split("\\end{longtable}", 1)[0]
    if "\\endlastfoot" in body:
        body = body.split("\\endlastfoot", 1)[1]
    return [(n, c) for n, c in table_rows(body) if not n.startswith("\\")]


def quad_classes(tex: str) -> dict[int, tuple[str, list[str]]]:
    """Quad class number → (label, event types) from the manual's quad category table."""
    body = tex.split("\\caption{Quad categories in PLOVER}", 1)[1].split("\\end{tabular}", 1)[0]
    out = {}
    for m in re.finditer(r"^\s*([A-Z][a-z]+ [a-z]+)\s*&\s*([A-Z, ]+)&\s*(\d)", body, re.M):
        out[int(m.group(3))] = (m.group(1).lower(), [e.strip() for e in m.group(2).split(",") if e.strip()])
    # The manual lists SANCTION under verbal conflict here and under material conflict in two other
    # tables; GeoKG (like kg/data/plover_types.tsv) takes material conflict.
    out[3] = (out[3][0], [e for e in out[3][1] if e != "SANCTION"])
    if "SANCTION" not in out[4][1]:
        out[4][1].append("SANCTION")
    return out


def cameo2plover(path: Path) -> list[tuple[str, str, str, list[str], str]]:
    """(code, event, mode, contexts, description) rows of CAMEO2PLOVER-2021.txt."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([^#]*)(?:#\s*(.*))?$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        contexts = [c.strip() for c in parts[2].split(";") if c.strip()]
        rows.append((m.group(1), parts[0], parts[1], contexts, (m.group(3) or "").strip()))
    return rows


def repo_codes(column: str, relpath: str) -> set[str]:
    """Distinct non-empty values of ``column`` in a shipped TSV data file of this repository."""
    path = ROOT / "kg" / "data" / relpath
    if not path.exists():
        return set()
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    if column.isdigit():  # header-less file: column number
        return {ln.split("\t")[int(column)].strip() for ln in lines if len(ln.split("\t")) > int(column)} - {""}
    return {(r.get(column) or "").strip() for r in csv.DictReader(lines, delimiter="\t")} - {""}


def header(g: Graph, iri: URIRef, title: str, description: str) -> None:
    """Ontology header with licence and attribution."""
    g.add((iri, RDF.type, OWL.Ontology))
    g.add((iri, OWL.versionInfo, Literal(VERSION)))
    g.add((iri, DCTERMS.title, Literal(title, lang="en")))
    g.add((iri, DCTERMS.description, Literal(description, lang="en")))
    g.add((iri, DCTERMS.license, CC_BY_SA))
    g.add((iri, DCTERMS.rights, Literal(ATTRIBUTION, lang="en")))
    g.add((iri, DCTERMS.creator, Literal("Open Event Data Alliance")))
    g.add((iri, DCTERMS.contributor, Literal("GeoKG contributors (SKOS conversion)")))
    g.add((iri, DCTERMS.source, PLOVER_REPO))
    g.add((iri, RDFS.seeAlso, GK_ONTOLOGY))


def scheme(g: Graph, iri: URIRef, label: str, ontology: URIRef) -> URIRef:
    """A concept scheme with label and licence."""
    g.add((iri, RDF.type, SKOS.ConceptScheme))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    g.add((iri, DCTERMS.license, CC_BY_SA))
    g.add((iri, RDFS.isDefinedBy, ontology))
    return iri


def concept(g: Graph, iri: URIRef, in_scheme: URIRef, notation: str, label: str, definition: str = "",
            top: bool = True) -> URIRef:
    """A SKOS concept with notation, label and definition."""
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.inScheme, in_scheme))
    if top:
        g.add((iri, SKOS.topConceptOf, in_scheme))
        g.add((in_scheme, SKOS.hasTopConcept, iri))
    g.add((iri, SKOS.notation, Literal(notation)))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    if definition:
        g.add((iri, SKOS.definition, Literal(definition, lang="en")))
    return iri


def build_plover(src: Path) -> Graph:
    """The PLOVER concept schemes: event types, quad classes, modes, contexts, sectors."""
    tex = (src / "PLOVER_MANUAL_v2.0draft.tex").read_text(encoding="utf-8")
    g = Graph()
    onto = URIRef(str(PLOVER))
    header(g, onto, "PLOVER event ontology as SKOS concept schemes",
           "PLOVER event types, quad classes, modes, contexts and sector codes as SKOS concepts, for "
           "the GeoKG knowledge graph (gk:eventType, gk:quadClass, gk:mode, gk:context, gk:sector). "
           "Inconsistencies of the draft manual resolved as follows: SANCTION is material conflict "
           "(quad class 4); CAMEO 20 maps to ASSAULT (mode unconventional) as in CAMEO2PLOVER-2021.")
    types_s = scheme(g, PLOVER.eventTypes, "PLOVER event types", onto)
    quads_s = scheme(g, PLOVER.quadClasses, "PLOVER quad classes", onto)
    modes_s = scheme(g, PLOVER.modes, "PLOVER modes", onto)
    ctx_s = scheme(g, PLOVER.contexts, "PLOVER contexts", onto)
    sect_s = scheme(g, PLOVER.sectors, "PLOVER sector codes", onto)

    quad_of = {}
    for num, (label, events) in sorted(quad_classes(tex).items()):
        q = concept(g, PLOVER[f"quad{num}"], quads_s, str(num), label,
                    f"PLOVER quad category {num}: {label} ({', '.join(events)}).")
        for ev in events:
            quad_of[ev] = q

    with open(src / "plover_event_types.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ev = row["plover_event"]
            c = concept(g, PLOVER[ev], types_s, ev, ev, row["definition_short"])
            g.add((c, SKOS.altLabel, Literal(ev.lower(), lang="en")))
            g.add((c, SKOS.broader, quad_of[ev]))
            g.add((quad_of[ev], SKOS.narrower, c))
            g.add((c, SKOS.note, Literal(f"Requires recipient: {row['requires_recipient']}. "
                                         f"Conflict-cooperation score: {row['plover_score_base']}.", lang="en")))

    add_modes(g, tex, src, modes_s)
    add_contexts(g, tex, src, ctx_s)
    add_sectors(g, tex, sect_s)
    return g


def add_modes(g: Graph, tex: str, src: Path, modes_s: URIRef) -> None:
    """Mode concepts: one per code (a code shared by event types gets each type's meaning)."""
    modes: dict[str, Mode] = {}
    for ev, table in manual_modes(tex).items():
        for code, definition in table.items():
            m = modes.setdefault(code, Mode(code))
            m.meanings[ev] = definition
            m.sources.add("manual")
    for _, ev, code, _, _ in cameo2plover(src / "CAMEO2PLOVER-2021.txt"):
        if code:
            m = modes.setdefault(code, Mode(code))
            m.meanings.setdefault(ev, "")
            m.sources.add("CAMEO2PLOVER")
    for code in repo_codes("mode", "lexicon/verbs.tsv"):
        modes.setdefault(code, Mode(code)).sources.add("lexicon")
    for code, m in sorted(modes.items()):
        defs = "; ".join(f"{ev}: {d}" for ev, d in sorted(m.meanings.items()) if d)
        c = concept(g, PLOVER[f"mode-{code_slug(code)}"], modes_s, code, code, defs)
        for ev in sorted(m.meanings):
            g.add((c, SKOS.related, PLOVER[ev]))
        if "manual" not in m.sources:
            where = "CAMEO2PLOVER-2021.txt" if "CAMEO2PLOVER" in m.sources else "GeoKG's verb lexicon"
            g.add((c, SKOS.scopeNote, Literal(f"Used in {where}; not in the PLOVER manual's mode tables.",
                                              lang="en")))


def add_contexts(g: Graph, tex: str, src: Path, ctx_s: URIRef) -> None:
    """Context concepts from the manual's general contexts table plus codes used elsewhere."""
    contexts = {name: (content, "manual") for name, content in longtable(tex, "tab:general-contexts")}
    for _, _, _, ctxs, _ in cameo2plover(src / "CAMEO2PLOVER-2021.txt"):
        for code in ctxs:
            contexts.setdefault(code, ("", "CAMEO2PLOVER-2021.txt"))
    for code in repo_codes("context", "lexicon/verbs.tsv"):
        contexts.setdefault(code, ("", "GeoKG's verb lexicon"))
    for code, (definition, source) in sorted(contexts.items()):
        c = concept(g, PLOVER[f"context-{code_slug(code)}"], ctx_s, code, code.replace("_", " "), definition)
        if source != "manual":
            g.add((c, SKOS.scopeNote, Literal(f"Used in {source}; not in the PLOVER manual's context table.",
                                              lang="en")))


def add_sectors(g: Graph, tex: str, sect_s: URIRef) -> None:
    """Sector concepts: PLOVER's codes, plus CAMEO/Phoenix agent codes GeoKG's gazetteer uses."""
    plover_codes = dict(longtable(tex, "tab:roles"))
    for code, definition in sorted(plover_codes.items()):
        c = concept(g, PLOVER[f"sector-{code}"], sect_s, code, SECTOR_LABELS.get(code, code), definition)
        if code == "MED":
            g.add((c, SKOS.scopeNote, Literal("In CAMEO and the Phoenix dictionaries MED means media; PLOVER "
                                              "uses JRN for media and MED for health.", lang="en")))
    used = set(PHOENIX_SECTORS)
    for name in ("gazetteer/roles.tsv", "gazetteer/roles_curated.tsv"):
        used |= repo_codes("1", name)
    for code in sorted(used - set(plover_codes)):
        if not re.fullmatch(r"[A-Z]{3}", code):
            continue
        label, closest = PHOENIX_SECTORS.get(code, (code, ""))
        c = concept(g, PLOVER[f"sector-{code}"], sect_s, code, label,
                    f"CAMEO / Phoenix agent code {code} ({label}); not a PLOVER sector code.")
        g.add((c, SKOS.scopeNote, Literal("Kept because GeoKG's role gazetteer, derived from the Phoenix "
                                          "agent dictionary, uses it.", lang="en")))
        if closest:
            g.add((c, SKOS.closeMatch, PLOVER[f"sector-{closest}"]))


def build_cameo(src: Path) -> Graph:
    """CAMEO root and leaf codes as SKOS, mapped to PLOVER with closeMatch/broadMatch/relatedMatch."""
    g = Graph()
    onto = URIRef(str(CAMEO))
    header(g, onto, "CAMEO event codes as a SKOS concept scheme, mapped to PLOVER",
           "CAMEO (Conflict and Mediation Event Observations) root and leaf event codes with their "
           "mappings to PLOVER event types, modes and contexts, from CAMEO2PLOVER-2021.txt and the "
           "PLOVER manual. skos:closeMatch: same scope; skos:broadMatch: the PLOVER type is broader; "
           "skos:relatedMatch: a PLOVER mode or context that qualifies the code.")
    codes = scheme(g, CAMEO.codes, "CAMEO event codes", onto)
    roots_of: dict[str, list[str]] = defaultdict(list)
    with open(src / "plover_event_types.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for root in re.findall(r"\b(\d{2})\b", row["cameo_roots"].split("(")[0]):
                roots_of[row["plover_event"]].append(root)
    with open(src / "cameo_root_codes.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if not row or not row[0].isdigit():
                continue
            root, name, mapping, quad = row[0], row[1], row[2], row[3]
            c = concept(g, CAMEO[root], codes, root, name.capitalize())
            g.add((c, SKOS.note, Literal(f"PLOVER: {mapping}. Quad class: {quad}.", lang="en")))
            map_root(g, c, root, mapping, roots_of)
    seen: set[str] = set()
    for code, ev, mode, contexts, desc in cameo2plover(src / "CAMEO2PLOVER-2021.txt"):
        if len(code) < 3 or code in seen:
            continue
        seen.add(code)
        c = concept(g, CAMEO[code], codes, code, desc or code, top=False)
        parent = code[:-1] if len(code) > 3 else code[:2]
        g.add((c, SKOS.broader, CAMEO[parent]))
        g.add((CAMEO[parent], SKOS.narrower, c))
        if ev:
            g.add((c, SKOS.broadMatch, PLOVER[ev]))
        if mode:
            g.add((c, SKOS.relatedMatch, PLOVER[f"mode-{code_slug(mode)}"]))
        for ctx in contexts:
            g.add((c, SKOS.relatedMatch, PLOVER[f"context-{code_slug(ctx)}"]))
    return g


def map_root(g: Graph, c: URIRef, root: str, mapping: str, roots_of: dict[str, list[str]]) -> None:
    """Mapping of a CAMEO root code to PLOVER, from the summary table's wording."""
    events = re.findall(r"\b([A-Z]{3,})\b", mapping)
    if mapping.startswith("dropped"):
        g.add((c, SKOS.scopeNote, Literal("Dropped in PLOVER.", lang="en")))
        for ev in events:
            g.add((c, SKOS.relatedMatch, PLOVER[ev]))
        return
    for ev in events:
        if len(events) > 1:
            g.add((c, SKOS.relatedMatch, PLOVER[ev]))  # split between two PLOVER types by leaf code
        elif roots_of.get(ev) == [root]:
            g.add((c, SKOS.closeMatch, PLOVER[ev]))
        else:
            g.add((c, SKOS.broadMatch, PLOVER[ev]))
    mode = re.search(r"mode ([a-z-]+)", mapping)
    if mode:
        g.add((c, SKOS.relatedMatch, PLOVER[f"mode-{code_slug(mode.group(1))}"]))


def turtle(g: Graph, comment: str) -> bytes:
    """Sorted, prefixed Turtle (byte-identical for the same graph) with a licence comment on top."""
    triples = list(ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    rdf_type = str(RDF.type)
    triples.sort(key=lambda t: (str(t.subject), t.predicate.value != rdf_type, str(t.predicate), str(t.object)))
    prefixes = {"plover": str(PLOVER), "cameo": str(CAMEO), "skos": str(SKOS), "dcterms": str(DCTERMS),
                "owl": str(OWL), "rdfs": str(RDFS), "rdf": str(RDF), "xsd": str(XSD)}
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    return head.encode() + body


def main(argv: list[str] | None = None) -> int:
    """Write plover.ttl and cameo.ttl next to this script."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data-sources" / "plover",
                        help="directory with the PLOVER sources")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    note = ("GENERATED by ontologies/build_schemes.py; do not edit by hand.\n" + ATTRIBUTION)
    (args.out / "plover.ttl").write_bytes(turtle(build_plover(args.source), "PLOVER concept schemes. " + note))
    (args.out / "cameo.ttl").write_bytes(turtle(build_cameo(args.source), "CAMEO concept scheme. " + note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
