"""The explorer page: pyvis' network model → escaped JSON in a self-contained HTML template.

The page inlines vis-network (bundled with pyvis) and our own script and style, so it opens from
disk with no network. A Content-Security-Policy allows only those two scripts, by hash, and no
external load of any kind; article text is embedded as JSON with ``<``, ``>`` and ``&`` escaped and
is written into the page by the script with ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from pyvis.network import Network

from kg import __version__
from kg.resources import read_tsv

from .data import CONCEPT, GraphData
from .layout import degrees, node_values, positions


@dataclass(frozen=True)
class PageOptions:
    """How the page draws the graph."""

    title: str = "GeoKG graph"
    physics_limit: int = 800  # above this many nodes: precomputed layout, physics off
    note: str = ""  # what was selected ("top 50 actors, country RUS"), shown in the header


class _Network(Network):
    """pyvis' ``Network`` with constant-time node lookup (pyvis scans a list on every ``add_edge``)."""

    def get_nodes(self):  # type: ignore[override]
        return self.node_map.keys()


def _viz_file(name: str) -> str:
    return resources.files("kg").joinpath("data", "viz", name).read_text(encoding="utf-8")


@cache
def style() -> dict:
    """Colours and shapes of entity types and PLOVER quad classes (``kg/data/viz/style.json``)."""
    return json.loads(_viz_file("style.json"))


@cache
def vis_js() -> str:
    """vis-network as bundled with pyvis, safe to inline in a ``<script>`` element."""
    lib = resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js")
    return lib.read_text(encoding="utf-8").replace("</script", "<\\/script")


def script_json(data: object) -> str:
    """JSON that cannot end its ``<script>`` element or open markup, whatever the strings hold."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def network(data: GraphData, options: PageOptions) -> _Network:
    """The graph in pyvis' data model: nodes and edges with vis-network options and our fields."""
    net = _Network(directed=True)
    ids = {iri: i for i, iri in enumerate(sorted(data.actors))}
    pairs = [(ids[e.subject], ids[e.object]) for e in data.events]
    degree = degrees(pairs, ids.values())
    value = node_values(degree)
    large = len(ids) > options.physics_limit
    pos = positions(pairs, ids.values())
    types = style()["entity_types"]
    for iri, i in ids.items():
        actor = data.actors[iri]
        look = types.get(actor.type, types[CONCEPT])
        net.add_node(i, label=actor.label, shape=look["shape"], color=look["color"], value=value[i],
                     x=pos[i][0], y=pos[i][1], iri=iri, type=actor.type, alt=actor.alt_labels,
                     countries=actor.countries, roles=actor.roles, degree=degree[i],
                     **({"font": {"color": "#6b6b6b"}} if actor.type == CONCEPT else {}))
    doc_index = {iri: i for i, iri in enumerate(sorted(data.docs))}
    quads = style()["quad_classes"]
    smooth = _parallel_curves(pairs) if not large else {}
    for i, (event, (a, b)) in enumerate(zip(data.events, pairs, strict=True)):
        colour = quads[str(event.quad)]["color"]
        net.add_edge(a, b, id=i, label=event.relation,
                     color={"color": colour, "highlight": colour, "hover": colour},
                     dashes=event.negated or event.hypothetical, width=1 + 2 * event.confidence,
                     iri=event.iri, type=event.event_type, quad=event.quad, mode=event.mode,
                     date=event.date, when=data.event_date(event), place=event.place, by=event.attributed_to,
                     neg=event.negated, hyp=event.hypothetical, conf=event.confidence, quote=event.quote,
                     doc=doc_index.get(event.doc, -1), sent=event.sentence, **smooth.get(i, {}))
    for edge in net.edges:
        del edge["arrows"]  # pyvis sets "to" on every edge; the page sets arrows once for all
    return net


def _parallel_curves(pairs: list[tuple[int, int]]) -> dict[int, dict]:
    """Curve parallel edges apart so several events between two actors stay readable."""
    seen: dict[frozenset[int], int] = {}
    out = {}
    for i, (a, b) in enumerate(pairs):
        k = seen.get(frozenset((a, b)), 0)
        seen[frozenset((a, b))] = k + 1
        if k:
            kind = "curvedCW" if k % 2 else "curvedCCW"
            out[i] = {"smooth": {"enabled": True, "type": kind, "roundness": 0.15 * ((k + 1) // 2)}}
    return out


def payload(data: GraphData, options: PageOptions) -> dict:
    """Everything the page script needs, as plain JSON-able data."""
    net = network(data, options)
    dates = sorted(d for d in (data.event_date(e) for e in data.events) if d)
    present = {e.event_type for e in data.events if e.event_type}
    plover = {r["event_type"]: {"quad": int(r["quad_class"]), "definition": r["definition"]}
              for r in read_tsv("plover_types.tsv") if r["event_type"] in present}
    docs = [data.docs[iri] for iri in sorted(data.docs)]
    return {
        "meta": {"title": options.title, "generator": f"GeoKG {__version__}", "note": options.note,
                 "documents": len(docs), "events": len(data.events),
                 "actors": sum(1 for a in data.actors.values() if a.type != CONCEPT),
                 "objects": sum(1 for a in data.actors.values() if a.type == CONCEPT),
                 "dateMin": dates[0] if dates else "", "dateMax": dates[-1] if dates else "",
                 "large": len(net.nodes) > options.physics_limit},
        "style": style(), "eventTypes": plover, "countries": data.country_names,
        "docs": [{"id": d.id, "title": d.title, "date": d.date, "source": d.source, "url": d.url}
                 for d in docs],
        "nodes": net.nodes, "edges": net.edges,
    }


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_page(data: GraphData, options: PageOptions | None = None) -> str:
    """The self-contained HTML explorer of ``data``."""
    options = options or PageOptions()
    # A file-name title may carry undecodable bytes (surrogate escapes) that UTF-8 cannot encode.
    options = replace(options, title=options.title.encode("utf-8", "replace").decode("utf-8"))
    app = _viz_file("explorer.js")
    csp = (f"default-src 'none'; script-src {_csp_hash(vis_js())} {_csp_hash(app)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    values = {"CSP": html.escape(csp, quote=False), "TITLE": html.escape(options.title),
              "CSS": _viz_file("explorer.css"), "VIS_JS": vis_js(), "APP_JS": app,
              "DATA": script_json(payload(data, options))}
    # One pass, so text substituted for one placeholder is never scanned for another.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], _viz_file("template.html"))
