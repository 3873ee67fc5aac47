#!/usr/bin/env python3
"""Opening a large explorer page (issue 6: 5,000 nodes / 20,000 edges open in < 5 s).

Generates a GeoKG graph (Turtle, in the same RDF model ``kg build`` writes) of ``--nodes`` actors
and ``--edges`` events — a preferential-attachment network, so a few hubs and many small actors
like real news — with labels, countries, PLOVER types, dates, evidence sentences and source
documents. Then it runs ``kg viz`` on it and opens the page in headless Chromium (Playwright,
network cut off) and reports:

- ``kg viz`` wall time and page size;
- open time: from navigation start until vis-network has drawn the graph for the first time
  (``performance.now()`` at the first ``afterDrawing``), and the wall time until then;
- responsiveness: time to apply a filter (hide one quad class) and redraw, and to redraw after
  a zoom, each the median of five runs.

Times are reported, never asserted (they depend on the machine).

usage: python benchmarks/viz_large.py [--nodes 5000] [--edges 20000] [--repeat 3] [--keep DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TYPES = ["Person", "State", "Organization", "ArmedGroup", "Place"]
PLOVER = ["ACCUSE", "REJECT", "CONSULT", "SUPPORT", "AID", "COERCE", "ASSAULT", "THREATEN", "REQUEST", ""]
WORDS = ["officials", "said", "the", "ministry", "forces", "talks", "border", "attack", "agreement", "sanctions",
         "statement", "troops", "president", "government", "spokesman", "ceasefire", "meeting", "aid", "accused",
         "rejected", "claims", "region"]
ISO = ["RUS", "UKR", "CHN", "USA", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR", "IND", "BRA", "ZAF", "EGY", "JPN"]


def lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def generate(n_nodes: int, n_edges: int, seed: int = 1) -> str:
    """A GeoKG Turtle graph with ``n_nodes`` actors and ``n_edges`` events."""
    rng = random.Random(seed)
    g = nx.barabasi_albert_graph(n_nodes, max(1, n_edges // n_nodes), seed=seed)
    pairs = list(g.edges())
    while len(pairs) < n_edges:
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if a != b:
            pairs.append((a, b))
    lines = ["@prefix gk: <https://w3id.org/geokg/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix dcterms: <http://purl.org/dc/terms/> .", "@prefix prov: <http://www.w3.org/ns/prov#> .",
             "@prefix oa: <http://www.w3.org/ns/oa#> .", "@prefix plover: <https://w3id.org/geokg/plover/> .",
             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .", "@prefix id: <https://w3id.org/geokg/id/> ."]
    for iso in ISO:
        lines.append(f"id:iso-{iso} gk:isoCode {lit(iso)} ; rdfs:label {lit(iso)} .")
    for i in range(n_nodes):
        lines.append(f"id:a{i} a gk:{rng.choice(TYPES)} ; rdfs:label {lit(f'Actor {i} ' + rng.choice(WORDS).title())} ;"
                     f" gk:country id:iso-{rng.choice(ISO)} .")
    for d in range(200):
        lines.append(f"id:doc{d} a gk:Document ; dcterms:identifier {lit(f'doc{d}')} ; dcterms:title "
                     f"{lit(' '.join(rng.choices(WORDS, k=8)).capitalize())} ; dcterms:date "
                     f"\"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\"^^xsd:date .")
    for k, (a, b) in enumerate(pairs[:n_edges]):
        if rng.random() < 0.5:
            a, b = b, a
        t = rng.choice(PLOVER)
        typed = f" gk:eventType plover:{t} ;" if t else ""
        quote = " ".join(rng.choices(WORDS, k=rng.randint(12, 30))).capitalize() + "."
        lines.append(f"id:e{k} a gk:Event ; gk:subject id:a{a} ; gk:object id:a{b} ;"
                     f" gk:predicate {lit(rng.choice(WORDS))} ;"
                     f"{typed} gk:negated {str(rng.random() < 0.05).lower()} ; gk:hypothetical false ;"
                     f" gk:confidence {rng.random():.2f} ; gk:evidence [ oa:exact {lit(quote)} ] ;"
                     f" prov:wasDerivedFrom id:doc{rng.randrange(200)} .")
    return "\n".join(lines) + "\n"


def measure_page(path: Path, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    opens, walls, filters, zooms, details = [], [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors, requests = [], []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.route("**/*", lambda r, requests=requests: r.continue_() if r.request.url.startswith("file://")
                       else (requests.append(r.request.url), r.abort()))
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=120_000)
            walls.append(time.perf_counter() - t0)
            opens.append(page.evaluate("geokg.readyAt") / 1000)
            if errors or requests:
                raise SystemExit(f"page errors {errors} or external requests {requests}")
            drawn = page.evaluate("[geokg.network.body.nodeIndices.length, geokg.network.body.edgeIndices.length]")
            for _ in range(5):
                filters.append(page.evaluate(TIMED_FILTER) / 1000)
                zooms.append(page.evaluate(TIMED_ZOOM) / 1000)
                details.append(page.evaluate(TIMED_DETAIL) / 1000)
            page.close()
        browser.close()
    return {"open_s": statistics.median(opens), "open_wall_s": statistics.median(walls),
            "filter_s": statistics.median(filters), "zoom_redraw_s": statistics.median(zooms),
            "detail_redraw_s": statistics.median(details),
            "nodes_drawn": drawn[0], "edges_drawn": drawn[1]}


# Toggle one quad class off (or back on) and wait for the redraw that follows.
TIMED_FILTER = """new Promise((done) => {
  const t = performance.now();
  geokg.network.once("afterDrawing", () => done(performance.now() - t));
  document.querySelector("label[data-quad='3'] input").click();
  geokg.network.redraw();
})"""
TIMED_ZOOM = """new Promise((done) => {
  const t = performance.now();
  geokg.network.once("afterDrawing", () => done(performance.now() - t));
  geokg.network.moveTo({scale: geokg.network.getScale() * 1.25});
  geokg.network.redraw();
})"""
# Zoom in to 1:1 around a hub (arrowheads and labels drawn: the most expensive frame), then back out.
TIMED_DETAIL = """new Promise((done) => {
  const t = performance.now();
  geokg.network.once("afterDrawing", () => done(performance.now() - t));
  geokg.network.moveTo({position: geokg.network.getPosition(0), scale: 1.0});
  geokg.network.emit("zoom", {});
  geokg.network.redraw();
}).then((ms) => { geokg.network.fit({animation: false}); geokg.network.emit("zoom", {}); return ms; })"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3, help="page opens; the median is reported")
    ap.add_argument("--keep", metavar="DIR", help="keep the generated graph and page here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="geokg-viz-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    graph, page = work / "large.ttl", work / "large.html"
    graph.write_text(generate(args.nodes, args.edges), encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "viz", str(graph), "-o", str(page), "-q"], check=True, cwd=ROOT)
    result = {"nodes": args.nodes, "edges": args.edges, "kg_viz_s": time.perf_counter() - t0,
              "html_mb": page.stat().st_size / 1e6, **measure_page(page, args.repeat)}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"graph: {args.nodes} nodes, {args.edges} edges -> {page} ({result['html_mb']:.1f} MB)")
        print(f"kg viz (load + SPARQL + layout + page): {result['kg_viz_s']:.2f} s")
        print(f"open in headless Chromium until first draw: {result['open_s']:.2f} s "
              f"(wall {result['open_wall_s']:.2f} s; median of {args.repeat}); drawn "
              f"{result['nodes_drawn']} nodes, {result['edges_drawn']} edges")
        print(f"filter (hide a quad class) + redraw: {result['filter_s'] * 1000:.0f} ms; "
              f"zoom redraw (overview): {result['zoom_redraw_s'] * 1000:.0f} ms; zoom to 1:1 with arrows: "
              f"{result['detail_redraw_s'] * 1000:.0f} ms (medians of {5 * args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
