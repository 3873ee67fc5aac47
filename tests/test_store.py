"""The persistent store off the hot path (issue 16): ``kg build`` writes no RDF store unless asked;
``--store`` makes one that ``--update`` keeps equal to ``graph.trig``; ``kg query``/``kg serve`` read
it read-only; ``graph.html`` comes from the explorer's statements alone; old registries migrate."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import BuildOptions, build
from kg.cli import main
from kg.outputs.viz import render_store
from kg.rdf.persist import STATE_DIR, STORE
from kg.rdf.query import QueryError, query_file
from kg.rdf.store import load_store, open_graph, store_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIRST = ["002_south_ossetia_join_russia.txt", "032_us_venezuela_detainee_release.txt"]
SECOND = ["029_us_statement_gaza_hostage_release_deal.txt"]


def _corpus(dirpath: Path, names: list[str]) -> Path:
    dirpath.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SEEDS / name, dirpath / name)
    shutil.copy(SEEDS / "manifest.tsv", dirpath / "manifest.tsv")
    return dirpath


def _quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("store-corpora")
    return _corpus(base / "a", FIRST), _corpus(base / "b", SECOND)


@pytest.fixture(scope="module")
def stored(corpora, tmp_path_factory) -> Path:
    """A with --store, then --update B (without repeating --store)."""
    out = tmp_path_factory.mktemp("stored")
    assert main(["build", str(corpora[0]), "-o", str(out), "-q", "--store"]) == 0
    assert main(["build", "--update", str(corpora[1]), "-o", str(out), "-q"]) == 0
    return out


def test_a_plain_build_writes_no_rdf_store(corpora, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(corpora[0]), "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in (out / STATE_DIR).iterdir()) == ["registry.sqlite"]
    assert store_dir(out) is None


def test_store_made_by_build_equals_graph_trig(corpora, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(corpora[0]), "-o", str(out), "-q", "--store", "--no-html"]) == 0
    assert store_dir(out) == out / STATE_DIR / STORE
    assert _quads(open_graph(out)) == _quads(load_store(out / "graph.trig"))


def test_update_keeps_the_store_equal_to_graph_trig(stored, corpora, tmp_path):
    assert _quads(open_graph(stored)) == _quads(load_store(stored / "graph.trig"))
    at_once = tmp_path / "at-once"
    assert main(["build", str(corpora[0]), str(corpora[1]), "-o", str(at_once), "-q"]) == 0
    assert (stored / "graph.trig").read_bytes() == (at_once / "graph.trig").read_bytes()


def test_update_of_a_changed_document_replaces_it_in_the_store(corpora, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(corpora[1]), "-o", str(out), "-q", "--store", "--no-html"]) == 0
    edited = _corpus(tmp_path / "edited", SECOND)
    path = edited / SECOND[0]
    path.write_text(path.read_text(encoding="utf-8").replace("Jill and I", "My wife and I"), encoding="utf-8")
    assert build([edited], BuildOptions(out_dir=out, update=True, html=False)).replaced == 1
    texts = " ".join(q.object.value for q in open_graph(out)
                     if q.predicate.value.endswith("#text"))
    assert "My wife and I" in texts and "Jill and I" not in texts
    assert _quads(open_graph(out)) == _quads(load_store(out / "graph.trig"))


def test_query_reads_the_store_without_the_graph_files(stored, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(stored, copy)
    for name in ("graph.ttl", "graph.trig"):
        (copy / name).unlink()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?e a gk:Event }"
    expected = query_file(stored / "graph.trig", count).rows
    assert query_file(copy, count).rows == expected  # answered by the store: nothing to load
    assert query_file(copy / STATE_DIR / STORE, count).rows == expected  # a store directory itself
    with pytest.raises(QueryError):
        query_file(copy, "DELETE WHERE { ?s ?p ?o }")  # refused unless asked
    with pytest.raises(Exception, match="but not a graph file"):
        query_file(copy, "DELETE WHERE { ?s ?p ?o }", allow_update=True)  # never on the store
    assert query_file(copy, count).rows == expected


def test_update_on_an_output_with_a_store_changes_only_a_copy(stored):
    before = _quads(open_graph(stored))
    result = query_file(stored, "DELETE WHERE { ?s ?p ?o }", allow_update=True)
    assert result.rows == [{"updated": "true"}]
    assert _quads(open_graph(stored)) == before


def test_html_from_the_explorer_statements_equals_the_page_of_the_whole_graph(stored):
    # graph.html is made from a tenth of the graph (kg.rdf.document.browsed); the page must not differ
    whole = render_store(load_store(stored / "graph.trig"))
    assert (stored / "graph.html").read_text(encoding="utf-8") == whole


def test_registry_is_compressed_and_smaller_than_graph_trig(stored):
    registry = (stored / STATE_DIR / "registry.sqlite").stat().st_size
    assert registry < 0.2 * (stored / "graph.trig").stat().st_size  # no copy of the graphs: facts only


def _as_schema_3(out: Path) -> None:
    """Rewrite the registry of ``out`` as GeoKG's schema 3 kept it: every document's rendered graph
    (Turtle, shareable statements as N-Triples terms) and its facts as compressed JSON, in the registry."""
    from kg.rdf.iris import IriMinter
    from kg.rdf.registry import _ENTITY_FIELDS, _FACT_FIELDS, unpack_facts
    from kg.rdf.serialize import prefixes
    from kg.rdf.terms import TurtleWriter

    db = sqlite3.connect(out / STATE_DIR / "registry.sqlite")
    base_iri = db.execute("SELECT value FROM meta WHERE key = 'base_iri'").fetchone()[0]
    base = IriMinter(base_iri).base
    prologue = TurtleWriter(prefixes(base_iri), base).prologue()
    names = dict(db.execute("SELECT n, iri FROM terms"))
    trig = (out / "graph.trig").read_bytes()
    rows = db.execute("SELECT id, hash, offset, length, split, terms, facts FROM documents").fetchall()
    db.execute("DROP TABLE documents")
    db.execute("DROP TABLE terms")
    db.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, hash TEXT NOT NULL, entities BLOB NOT NULL, "
               "relations BLOB NOT NULL)")
    db.execute("CREATE TABLE graphs (graph TEXT PRIMARY KEY, id TEXT NOT NULL, turtle BLOB NOT NULL, "
               "shareable BLOB NOT NULL, events BLOB NOT NULL, terms BLOB NOT NULL, browse BLOB NOT NULL)")

    def pack(value: object) -> bytes:
        return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"))

    for doc_id, digest, offset, length, split, mask, facts in rows:
        block = trig[offset:offset + length]
        graph = block[1:block.index(b">")].decode()
        head = len(graph) + 5
        shareable = [(str(t.subject), str(t.predicate), str(t.object)) for t in
                     ox.parse(prologue.encode() + block[split:-2], format=ox.RdfFormat.TURTLE)]
        entities, relations, events = unpack_facts(base, facts)
        used = sorted(iri for n, iri in names.items() if int.from_bytes(mask, "little") >> n & 1)
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)", (
            doc_id, digest.hex(), pack([{f: getattr(e, f) for f in _ENTITY_FIELDS} for e in entities]),
            pack(sorted(relations))))
        db.execute("INSERT INTO graphs VALUES (?, ?, ?, ?, ?, ?, ?)", (
            graph, doc_id, zlib.compress(block[head:split]), pack(shareable),
            pack([[getattr(f, n) for n in _FACT_FIELDS] for f in events]), pack(used), zlib.compress(b"")))
    db.execute("CREATE INDEX graphs_id ON graphs (id)")
    db.execute("DELETE FROM meta WHERE key LIKE 'trig%'")
    db.execute("UPDATE meta SET value = '3' WHERE key = 'schema'")
    db.commit()
    db.close()


def _as_schema_2(registry: Path) -> None:
    """Rewrite a registry as GeoKG's previous layout kept it: JSON text, no explorer statements."""
    db = sqlite3.connect(registry)
    for table, columns in (("graphs", ("shareable", "events", "terms")), ("documents", ("entities", "relations"))):
        key = "graph" if table == "graphs" else "id"
        for row in db.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall():
            values = [zlib.decompress(v).decode("utf-8") for v in row[1:]]
            db.execute(f"UPDATE {table} SET {', '.join(c + ' = ?' for c in columns)} WHERE {key} = ?",
                       (*values, row[0]))
    db.execute("ALTER TABLE graphs DROP COLUMN browse")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    db.commit()
    db.close()


def test_update_of_a_previous_layout_migrates_its_registry(corpora, tmp_path):
    out, at_once = tmp_path / "out", tmp_path / "at-once"
    assert main(["build", str(corpora[0]), "-o", str(out), "-q"]) == 0
    _as_schema_3(out)
    _as_schema_2(out / STATE_DIR / "registry.sqlite")
    assert json.loads(sqlite3.connect(out / STATE_DIR / "registry.sqlite").execute(
        "SELECT terms FROM graphs").fetchone()[0])  # really the old, uncompressed form
    assert main(["build", "--update", str(corpora[1]), "-o", str(out), "-q"]) == 0
    assert main(["build", str(corpora[0]), str(corpora[1]), "-o", str(at_once), "-q"]) == 0
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).read_bytes() == (at_once / name).read_bytes(), name


def test_update_of_a_schema_3_registry_moves_its_graphs_to_graph_trig(corpora, tmp_path):
    out, at_once = tmp_path / "out", tmp_path / "at-once"
    assert main(["build", str(corpora[0]), "-o", str(out), "-q"]) == 0
    _as_schema_3(out)
    (out / "graph.trig").unlink()  # that layout did not read graph.trig: an update must not need it
    assert main(["build", "--update", str(corpora[1]), "-o", str(out), "-q"]) == 0
    assert main(["build", str(corpora[0]), str(corpora[1]), "-o", str(at_once), "-q"]) == 0
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).read_bytes() == (at_once / name).read_bytes(), name
    db = sqlite3.connect(out / STATE_DIR / "registry.sqlite")
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "4"
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'graphs'").fetchone() is None


def test_blocks_read_back_by_lines_give_the_statements_written():
    # --update reads the documents' blocks of graph.trig back without an RDF parser (kg.rdf.derived)
    from kg.rdf.derived import named_block, statements, turtle_block
    from kg.rdf.serialize import prefixes
    from kg.rdf.terms import TurtleWriter, integer, lang_string, string

    writer = TurtleWriter(prefixes("https://example.org/id/"), "https://example.org/id/")
    ev, gk = "<https://example.org/id/event/1>", "https://w3id.org/geokg/ontology#"
    tricky = string("a ;\n\tb .\u2028c\u0085 \"d\" .")  # separators, escapes and a Unicode line break
    rows = [(ev, f"<{gk}predicate>", tricky), (ev, f"<{gk}reportCount>", integer(2)),
            (ev, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{gk}Event>"),
            ("<https://example.org/id/person/x>", "<https://w3id.org/geokg/relation/meets>",
             "<https://example.org/id/person/y>"), ("<https://example.org/id/person/x>", f"<{gk}label>",
                                                    lang_string("X", "en"))]
    block, split = named_block(writer, "https://example.org/id/graph/d", writer.block(rows[:1]), rows[1:])
    shareable = block[split:-2]
    read = list(statements(shareable))
    assert len(read) == 4 and turtle_block(read) == shareable
    # a subset, as the union keeps it: what the writer gives for those statements alone
    assert turtle_block(read[1:3]) == writer.block(sorted(rows[1:])[1:3]).encode()
    parsed = ox.parse(writer.prologue().encode() + block, format=ox.RdfFormat.TRIG)
    assert {(str(q.subject), str(q.predicate), str(q.object)) for q in parsed} == set(rows)
    assert [o for _, _, o in statements(block[len("<https://example.org/id/graph/d> {\n"):split])] == \
        [tricky.encode()]


def test_explorer_picks_from_a_block_the_statements_browsed_keeps(tmp_path):
    # the explorer's statements are read from graph.trig's blocks as text: the same as browsed()
    from kg.rdf.derived import Explorer, named_block
    from kg.rdf.document import TYPE, browsed
    from kg.rdf.serialize import prefixes
    from kg.rdf.terms import TurtleWriter, integer, string

    base, gk, oa = "https://example.org/id/", "https://w3id.org/geokg/ontology#", "http://www.w3.org/ns/oa#"
    writer = TurtleWriter(prefixes(base), base)
    ev, prop, evd, pevd, doc = (f"<{base}{n}>" for n in ("event/1", "event/2", "evidence/1", "evidence/2", "doc/d"))
    rows = [(ev, TYPE, f"<{gk}Event>"), (ev, f"<{gk}evidence>", evd), (ev, f"<{gk}predicate>", string("meet")),
            (prop, TYPE, f"<{gk}Proposition>"), (prop, f"<{gk}evidence>", pevd), (pevd, f"<{oa}start>", integer(1)),
            (evd, f"<{oa}start>", integer(3)), (evd, f"<{oa}hasSelector>", f"<{base}evidence/1/position>"),
            (f"<{base}evidence/1/position>", f"<{oa}start>", integer(3)), (doc, f"<{gk}text>", string("x")),
            (doc, TYPE, f"<{gk}Document>"), (f"<{base}person/a>", "<https://w3id.org/geokg/relation/meets>",
                                              f"<{base}person/b>")]
    graph = f"{base}graph/d"
    block, _ = named_block(writer, graph, writer.block(rows[:6]), rows[6:])
    shared = tmp_path / "shared.ttl"
    shared.write_bytes(b"")
    explorer = Explorer(writer, f"{base}graph/shared", shared)
    explorer.add(graph, block[len(graph) + 5:-2])
    picked = {(str(q.subject), str(q.predicate), str(q.object)) for q in explorer.finish()}
    expected = browsed(rows, {prop, pevd})
    assert picked == set(expected) and len(expected) == 5
