"""The HTML explorer's data, filters, layout and escaping (fast; the browser tests are in test_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.outputs.viz import Selection, extract, make_selection, render_page, select
from kg.outputs.viz.layout import BACKBONE, positions
from kg.outputs.viz.page import PageOptions, payload, script_json
from kg.rdf.query import run_query
from kg.rdf.store import load_store

HOSTILE_NAME = '<script>alert("name")</script> Brigade'
HOSTILE_TEXT = "Russia accused the Brigade </script><img src=x onerror=alert(1)> & more"

# A hand-written graph in GeoKG's model: two real actors, one hostile one, three events.
GRAPH = f"""
@prefix gk: <https://w3id.org/geokg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix plover: <https://w3id.org/geokg/plover/> .
@prefix gk-rel: <https://w3id.org/geokg/relation/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/geokg/id/> .

id:state-rus a gk:State ; rdfs:label "Russia" ; skos:altLabel "Russian Federation" ; gk:isoCode "RUS" .
id:state-ukr a gk:State ; rdfs:label "Ukraine" ; gk:isoCode "UKR" .
id:zelensky a gk:Person ; rdfs:label "Volodymyr Zelensky" ; skos:altLabel "Zelensky" ; gk:role "president" ;
  gk:country id:state-ukr .
id:brigade a gk:ArmedGroup ; rdfs:label {json.dumps(HOSTILE_NAME)} .
gk-rel:accuses rdfs:label "accuses"@en .
gk-rel:does-not-deny rdfs:label "does not deny"@en .

id:doc1 a gk:Document ; dcterms:identifier "doc1" ; dcterms:title "<img src=x onerror=alert(2)>" ;
  dcterms:date "2025-04-09"^^xsd:date ; dcterms:source "javascript:alert(3)"^^xsd:anyURI .
id:doc2 a gk:Document ; dcterms:identifier "doc2" ; dcterms:title "Second" ; dcterms:source "Wikinews" ,
  "https://en.wikinews.org/wiki/Example"^^xsd:anyURI .

id:ev1 a gk:Event ; gk:subject id:zelensky ; gk:object id:state-rus ; gk:predicate "accuse" ;
  gk:relation gk-rel:accuses ; gk:eventType plover:ACCUSE ; gk:quadClass plover:quad3 ; gk:negated false ;
  gk:hypothetical false ; gk:eventDate "2025-04-08"^^xsd:date ; gk:confidence 0.9 ;
  gk:evidence [ oa:exact "Zelensky accused Russia." ; gk:sentenceIndex 1 ] ; prov:wasDerivedFrom id:doc1 .
id:ev2 a gk:Event ; gk:subject id:state-rus ; gk:object id:brigade ; gk:predicate "accuse" ;
  gk:relation gk-rel:accuses ; gk:eventType plover:ACCUSE ; gk:negated false ; gk:hypothetical false ;
  gk:attributedTo id:zelensky ; gk:confidence 0.5 ;
  gk:evidence [ oa:exact {json.dumps(HOSTILE_TEXT)} ] ; prov:wasDerivedFrom id:doc1 .
id:ev3 a gk:Event ; gk:subject id:state-ukr ; gk:object id:state-rus ; gk:predicate "deny" ;
  gk:relation gk-rel:does-not-deny ; gk:negated true ; gk:hypothetical false ; gk:confidence 0.4 ;
  gk:evidence [ oa:exact "Ukraine did not deny it." ] ; prov:wasDerivedFrom id:doc2 ;
  gk:eventDate "2014"^^xsd:gYear .
"""
ID = "https://w3id.org/geokg/id/"


@pytest.fixture(scope="module")
def data():
    store = ox.Store()
    store.load(GRAPH.encode(), format=ox.RdfFormat.TURTLE)
    return extract(store)


class TagCounter(HTMLParser):
    """Counts start tags the way a browser tokenizer sees them (script content is raw text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, text):
        if self._in_script:
            self.scripts[-1] += text


# -- data from RDF ---------------------------------------------------------------------------


def test_actors_carry_type_labels_country_and_role(data):
    zel = data.actors[ID + "zelensky"]
    assert (zel.label, zel.type, zel.alt_labels, zel.countries, zel.roles) == (
        "Volodymyr Zelensky", "Person", ["Zelensky"], ["UKR"], ["president"])
    assert data.actors[ID + "state-rus"].countries == ["RUS"]
    assert data.actors[ID + "brigade"].label == HOSTILE_NAME
    assert data.country_names == {"RUS": "Russia", "UKR": "Ukraine"}


def test_events_carry_type_quad_negation_evidence_and_source(data):
    ev = {e.iri.rsplit("/", 1)[1]: e for e in data.events}
    assert (ev["ev1"].relation, ev["ev1"].event_type, ev["ev1"].quad, ev["ev1"].date) == (
        "accuses", "ACCUSE", 3, "2025-04-08")
    assert ev["ev2"].quad == 3, "quad class derived from the PLOVER type when the graph lacks it"
    assert ev["ev2"].attributed_to == "Volodymyr Zelensky" and ev["ev2"].quote == HOSTILE_TEXT
    assert ev["ev3"].negated and ev["ev3"].quad == 0 and ev["ev3"].relation == "does not deny"
    assert data.event_date(ev["ev2"]) == "2025-04-09", "undated event falls back to its article's date"


def test_only_http_links_survive(data):
    docs = {d.id: d for d in data.docs.values()}
    assert docs["doc1"].url == "", "a javascript: URL must never become a link"
    assert docs["doc2"].url == "https://en.wikinews.org/wiki/Example" and docs["doc2"].source == "Wikinews"


# -- selection (kg viz filters) ------------------------------------------------------------


def _names(data):
    return sorted(e.iri.rsplit("/", 1)[1] for e in data.events)


def test_select_by_type_country_dates_and_top(data):
    assert _names(select(data, Selection(event_types=("ACCUSE",)))) == ["ev1", "ev2"]
    assert _names(select(data, Selection(country="UKR"))) == ["ev1", "ev3"]
    assert _names(select(data, Selection(since="2025-04-09"))) == ["ev2"]
    assert _names(select(data, Selection(until="2014-06"))) == ["ev3"], "a year-only date overlaps its months"
    top = select(data, Selection(top=2))
    assert ID + "state-rus" in top.actors and len(top.actors) == 2, "Russia is in the most events"
    assert top.events and all({e.subject, e.object} <= set(top.actors) for e in top.events)
    assert set(select(data, Selection(country="UKR")).docs) == {ID + "doc1", ID + "doc2"}


def test_make_selection_validates_user_input():
    sel = make_selection(5, "ua", ["accuse,reject", "Assault"], "2014", "2015-02")
    assert sel == Selection(5, "UKR", ("ACCUSE", "ASSAULT", "REJECT"), "2014", "2015-02")
    for bad in ({"country": "XX"}, {"event_types": "ATTACK"}, {"since": "2014-13"},
                {"since": "2015", "until": "2014"}, {"top": -1}):
        with pytest.raises(ValueError):
            make_selection(**bad)


# -- layout ---------------------------------------------------------------------------------


def test_layout_places_every_node_apart_and_is_deterministic():
    big = nx.barabasi_albert_graph(BACKBONE + 300, 2, seed=3)  # too big for one force layout: backbone path
    edges = [*big.edges(), *((1000 + 2 * k, 1001 + 2 * k) for k in range(50))]
    nodes = [*big.nodes(), *range(1000, 1100), 5000]
    pos = positions(edges, nodes)
    assert set(pos) == set(nodes) and pos == positions(edges, nodes)
    assert len(set(pos.values())) == len(nodes), "no two nodes on one point"
    xs, ys = zip(*(pos[n] for n in big), strict=True)
    small = [pos[n] for n in nodes if n not in big]
    inside = [(x, y) for x, y in small if min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)]
    assert not inside, "components must not overlap"


# -- page: escaping and self-containment ----------------------------------------------------


def test_script_json_cannot_close_its_element():
    text = script_json({"x": HOSTILE_TEXT + "<!-- \u2028"})
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text)["x"] == HOSTILE_TEXT + "<!-- \u2028"


def test_page_has_only_our_scripts_and_no_external_loads(data):
    page = render_page(data, PageOptions(title="<b>title</b>"))
    parser = TagCounter()
    parser.feed(page)
    assert parser.tags.count("script") == 3 and "img" not in parser.tags and "b" not in parser.tags
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "nothing may load from the network"
    assert "<link" not in page and "@import" not in page
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    for code in parser.scripts[1:]:  # vis-network and the explorer run only because their hash is allowed
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    embedded = json.loads(parser.scripts[0])
    assert {n["label"] for n in embedded["nodes"]} >= {HOSTILE_NAME}
    assert any(e["quote"] == HOSTILE_TEXT for e in embedded["edges"])


def test_payload_styles_nodes_and_edges(data):
    p = payload(data, PageOptions())
    by_label = {n["label"]: n for n in p["nodes"]}
    assert by_label["Russia"]["shape"] == "square" and by_label["Volodymyr Zelensky"]["shape"] == "dot"
    assert by_label["Russia"]["value"] > by_label["Ukraine"]["value"], "size follows degree"
    edges = {e["iri"].rsplit("/", 1)[1]: e for e in p["edges"]}
    assert edges["ev3"]["dashes"] is True and edges["ev1"]["dashes"] is False
    assert edges["ev1"]["color"]["color"] == p["style"]["quad_classes"]["3"]["color"]
    assert edges["ev1"]["label"] == "accuses" and p["docs"][edges["ev1"]["doc"]]["id"] == "doc1"
    expected = {"documents": 2, "actors": 4, "events": 3, "dateMin": "2014", "dateMax": "2025-04-09",
                "large": False}
    assert expected.items() <= p["meta"].items()


# -- on the real seed graph ------------------------------------------------------------------


def test_seed_explorer_draws_every_event_between_two_nodes(seed_build: Path):
    store = load_store(seed_build / "graph.ttl")
    count = run_query(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) "
                             "WHERE { ?e a gk:Event ; gk:subject ?s ; gk:object ?o }")
    data = extract(store)
    assert len(data.events) == int(count.rows[0]["n"]) and len(data.actors) >= 10
    page = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert page.count('"iri":"https://w3id.org/geokg/id/event/') == len(data.events)


def test_kg_viz_command_limits_the_graph(seed_build: Path, tmp_path: Path, capsys):
    out = tmp_path / "v.html"
    assert main(["viz", str(seed_build / "graph.ttl"), "-o", str(out), "--event-type", "ACCUSE,REJECT"]) == 0
    assert "kg viz: wrote" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    types = set(re.findall(r'"type":"([A-Z]+)","quad"', page))
    assert types and types <= {"ACCUSE", "REJECT"}
    assert "event types ACCUSE, REJECT" in page
    assert main(["viz", str(seed_build / "graph.ttl"), "-o", str(out), "--country", "Narnia"]) == 2
    assert "--country must be" in capsys.readouterr().err
    assert main(["viz", str(tmp_path / "missing.ttl"), "-o", str(out)]) == 4
