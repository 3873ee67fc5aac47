"""graph.html in a real headless Chromium (Debian ``chromium`` driven by Playwright), network cut off."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import require_tool

from kg.cli import main
from kg.rdf.query import run_query
from kg.rdf.store import load_store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE_NAME = '<script>alert("name")</script> Brigade'
HOSTILE_MARKUP = "<img src=x onerror=alert(1)>"


@dataclass
class Opened:
    """A page plus everything it tried that it should not have."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_tool(CHROMIUM, "browser tests of graph.html")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_html(browser, path: Path) -> Opened:
    """Open ``path`` from disk, refusing (and recording) every request that is not file://."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    opened = Opened(page)

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            opened.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    return opened


@pytest.fixture()
def seed_page(browser, seed_build: Path) -> Iterator[Opened]:
    opened = open_html(browser, seed_build / "graph.html")
    yield opened
    opened.page.close()


def _visible_edge_iris(page) -> set[str]:
    return set(page.evaluate("geokg.visibleEdgeIds().map((id) => geokg.edges.get(id).iri)"))


def _events(seed_build: Path, where: str = "") -> dict[str, dict[str, str]]:
    query = f"""SELECT ?e ?s ?o ?quad ?type WHERE {{ ?e a gk:Event ; gk:subject ?s ; gk:object ?o .
      OPTIONAL {{ ?e gk:quadClass ?quad }} OPTIONAL {{ ?e gk:eventType ?type }} {where} }}"""
    return {r["e"]: r for r in run_query(load_store(seed_build / "graph.ttl"), query).rows}


def test_seed_page_opens_offline_without_errors(seed_page: Opened):
    page = seed_page.page
    drawn = page.evaluate("geokg.network.body.nodeIndices.length")
    assert drawn >= 10, f"only {drawn} nodes drawn"
    assert page.evaluate("geokg.network.body.edgeIndices.length") >= 10
    assert "documents" in page.inner_text("#summary") and page.locator("#legend .key").count() >= 5
    assert seed_page.requests == [] and seed_page.errors == [] and seed_page.dialogs == []


def test_search_focuses_the_actor_and_shows_its_ego_network(seed_page: Opened, seed_build: Path):
    page = seed_page.page
    page.fill("#search", "russia")
    page.press("#search", "Enter")
    focused = page.evaluate("geokg.nodes.get(geokg.focused)")
    assert focused["label"] == "Russia"
    assert page.evaluate("geokg.network.getSelectedNodes()") == [focused["id"]]
    assert page.inner_text("#details h2") == "Russia"
    rows = _events(seed_build)
    russia = focused["iri"]
    neighbours = {russia} | {r["o"] for r in rows.values() if r["s"] == russia} | {
        r["s"] for r in rows.values() if r["o"] == russia}
    ego_edges = {e for e, r in rows.items() if r["s"] in neighbours and r["o"] in neighbours}
    assert _visible_edge_iris(page) == ego_edges
    visible_nodes = set(page.evaluate("geokg.network.body.nodeIndices.map((id) => geokg.nodes.get(id).iri)"))
    assert visible_nodes == neighbours
    page.click("#ego-clear")
    assert len(_visible_edge_iris(page)) == len(rows)


def test_filters_hide_the_right_edges(seed_page: Opened, seed_build: Path):
    page = seed_page.page
    rows = _events(seed_build)
    verbal_conflict = set(_events(seed_build, "FILTER(?quad = plover:quad3)"))
    assert verbal_conflict, "the seed graph has verbal-conflict events (accuse, reject, ...)"
    page.click("label[data-quad='3'] input")
    assert _visible_edge_iris(page) == set(rows) - verbal_conflict
    drawn = page.evaluate("geokg.network.body.edgeIndices.map((id) => geokg.edges.get(id).iri)")
    assert set(drawn) == set(rows) - verbal_conflict, "vis-network draws exactly the visible edges"
    page.click("label[data-quad='3'] input")
    accuse = set(_events(seed_build, "FILTER(?type = plover:ACCUSE)"))
    page.click("label[data-event-type='ACCUSE'] input")
    assert _visible_edge_iris(page) == set(rows) - accuse
    page.click("#reset")
    assert len(_visible_edge_iris(page)) == len(rows)
    page.fill("#date-from", "2025-01-01")
    page.dispatch_event("#date-from", "change")
    dated = page.evaluate("geokg.visibleEdgeIds().map((id) => geokg.edges.get(id).when)")
    assert dated and all(d >= "2025" for d in dated) and len(dated) < len(rows)


def test_country_filter_keeps_events_touching_the_country(seed_page: Opened, seed_build: Path):
    page = seed_page.page
    russian = set(_events(seed_build, "FILTER EXISTS { { ?s gk:isoCode|gk:country/gk:isoCode 'RUS' } UNION "
                                      "{ ?o gk:isoCode|gk:country/gk:isoCode 'RUS' } }"))
    assert russian, "the seed graph has events involving Russia"
    page.select_option("#country", "RUS")
    assert _visible_edge_iris(page) == russian


def test_clicking_an_edge_shows_its_evidence_and_source(seed_page: Opened):
    page = seed_page.page
    edge = page.evaluate("(({id, quote}) => ({id, quote}))"
                         "(geokg.edges.get().find((e) => e.type === 'ACCUSE' && e.quote))")
    page.evaluate(f"void geokg.network.emit('click', {{nodes: [], edges: [{edge['id']}]}})")
    details = page.inner_text("#details")
    assert edge["quote"].split()[0] in details
    assert "ACCUSE (verbal conflict)" in details and "Source" in details


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    """``kg build`` of one JSONL article whose title, source, text and an actor's name hold markup."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "actors.yaml").write_text("actors:\n  - name: " + json.dumps(HOSTILE_NAME) +
                                      "\n    type: GROUP\n    aliases: [Scriptbrigade]\n", encoding="utf-8")
    text = ("Scriptbrigade attacked Russia in Kharkiv on Monday, and the officials of the city said that "
            f"it was the worst attack of the year. Russia accused Scriptbrigade of the terrorism "
            f"{HOSTILE_MARKUP} that was seen in the city on Tuesday. Ukraine condemned Russia for the "
            "strikes and it said that they were a crime in the eyes of the world.")
    record = {"id": "hostile-1", "title": f"{HOSTILE_MARKUP} Brigade news", "date": "2024-05-01",
              "url": "javascript:alert(2)", "source": "<script>alert(3)</script>", "text": text}
    (root / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = root / "out"
    assert main(["build", str(root / "in.jsonl"), "--actors", str(root / "actors.yaml"), "-o", str(out), "-q"]) == 0
    return out


def test_markup_in_articles_never_runs(browser, hostile_build: Path):
    labels = {r["l"] for r in run_query(load_store(hostile_build / "graph.ttl"),
                                        "SELECT ?l WHERE { ?e a gk:Event ; gk:subject|gk:object/rdfs:label ?l }").rows}
    quotes = {r["q"] for r in run_query(load_store(hostile_build / "graph.ttl"),
                                        "SELECT ?q WHERE { ?e gk:evidence/oa:exact ?q }").rows}
    assert HOSTILE_NAME in labels and any(HOSTILE_MARKUP in q for q in quotes), "the test input must reach the graph"
    opened = open_html(browser, hostile_build / "graph.html")
    page = opened.page
    hostile = page.evaluate(f"geokg.edges.get().find((e) => e.quote.includes({json.dumps(HOSTILE_MARKUP)})).id")
    page.evaluate(f"void geokg.network.emit('click', {{nodes: [], edges: [{hostile}]}})")
    page.evaluate(f"void geokg.network.emit('hoverEdge', {{edge: {hostile}, pointer: {{DOM: {{x: 20, y: 20}}}}}})")
    assert HOSTILE_MARKUP in page.inner_text("#details") and HOSTILE_MARKUP in page.inner_text("#tip")
    assert page.locator("#details a").count() == 0, "a javascript: URL must not become a link"
    assert page.evaluate("geokg.focus('Scriptbrigade')") is not None
    assert page.inner_text("#details h2") == HOSTILE_NAME
    page.wait_for_timeout(300)  # give any injected handler time to fire
    assert page.locator("img, iframe, object, embed").count() == 0
    assert page.locator("script").count() == 3
    assert opened.dialogs == [] and opened.errors == [] and opened.requests == []
    page.close()


def _synthetic_graph(n_nodes: int, n_edges: int) -> str:
    """A GeoKG-shaped Turtle graph: actor i accuses or consults actor (7i + k) mod n."""
    head = ("@prefix gk: <https://w3id.org/geokg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
            " @prefix oa: <http://www.w3.org/ns/oa#> . @prefix plover: <https://w3id.org/geokg/plover/> ."
            " @prefix id: <https://w3id.org/geokg/id/> .\n")
    nodes = "".join(f'id:a{i} a gk:Person ; rdfs:label "Actor {i}" .\n' for i in range(n_nodes))
    edges = "".join(
        f"id:e{k} a gk:Event ; gk:subject id:a{k % n_nodes} ; gk:object id:a{(7 * k + k // n_nodes) % n_nodes} ;"
        f' gk:predicate "{"accuse" if k % 2 else "meet"}" ; gk:eventType plover:{"ACCUSE" if k % 2 else "CONSULT"} ;'
        f' gk:negated false ; gk:hypothetical false ; gk:evidence [ oa:exact "Sentence {k}." ] .\n'
        for k in range(n_edges))
    return head + nodes + edges


def test_large_graph_uses_the_precomputed_layout(browser, tmp_path: Path):
    (tmp_path / "big.ttl").write_text(_synthetic_graph(1000, 2500), encoding="utf-8")
    assert main(["viz", str(tmp_path / "big.ttl"), "-o", str(tmp_path / "big.html"), "-q"]) == 0
    opened = open_html(browser, tmp_path / "big.html")
    page = opened.page
    net = "geokg.network"
    assert page.evaluate(f"[{net}.physics.physicsEnabled, {net}.body.nodeIndices.length]") == [False, 1000]
    assert page.evaluate(f"{net}.body.edges[0].options.arrows.to.enabled") is False, "no arrowheads at overview"
    hub = page.evaluate(f"""(() => {{ const p = {net}.getPositions([0])[0];
        {net}.moveTo({{position: p, scale: 1.0}}); {net}.emit("zoom", {{}}); return {net}.canvasToDOM(p); }})()""")
    assert page.evaluate(f"{net}.body.edges[0].options.arrows.to.enabled") is True, "arrowheads when zoomed in"
    labels = page.evaluate(f"Object.values({net}.body.edges).map((e) => e.options.label).filter((x) => x)")
    assert 0 < len(labels) < 2500 and set(labels) <= {"accuse", "meet"}, "labels only for the edges in view"
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + hub["x"], box["y"] + hub["y"])
    page.wait_for_selector("#tip:not([hidden])")
    under = page.evaluate(f"{net}.getNodeAt({json.dumps(hub)})")
    assert under is not None and page.inner_text("#tip strong") == page.evaluate(f"geokg.nodes.get({under}).label")
    page.click("label[data-quad='3'] input")
    assert page.evaluate(f"{net}.body.edgeIndices.length") == 1250
    assert opened.requests == [] and opened.errors == [] and opened.dialogs == []
    page.close()
