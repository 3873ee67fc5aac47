"""The SPARQL cookbook (queries/*.rq) answers its competency questions on the graph of seeds/.

Assertions are about facts the seed articles state (and the gold annotations record) and about
consistency with `kg triples`, not about row counts that change whenever extraction improves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.outputs.triples import event_rows_from_store
from kg.rdf.query import QueryResult, run_query
from kg.rdf.store import load_store

QUERIES = Path(__file__).resolve().parent.parent / "queries"
FOUNDING = "000_0d3747f6e96d4de0"


@pytest.fixture(scope="module")
def store(seed_build):
    return load_store(seed_build / "graph.ttl")


@pytest.fixture(scope="module")
def rows(store):
    """`kg triples` rows of the seed graph: the reference the query answers are checked against."""
    return event_rows_from_store(store)


@pytest.fixture(scope="module")
def answer(store):
    cache: dict[str, QueryResult] = {}

    def run(name: str) -> QueryResult:
        if name not in cache:
            cache[name] = run_query(store, (QUERIES / name).read_text(encoding="utf-8"))
        return cache[name]

    return run


def _names() -> list[str]:
    return sorted(p.name for p in QUERIES.glob("*.rq"))


def test_at_least_twelve_questions_all_listed_in_the_readme():
    names = _names()
    assert len(names) >= 12
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(\d\d-[a-z0-9-]+\.rq)`", readme))
    assert listed == set(names)


@pytest.mark.parametrize("name", _names())
def test_every_query_runs_and_declares_its_prefixes(name, answer):
    text = (QUERIES / name).read_text(encoding="utf-8")
    used = set(re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"<[^>]*>|\"[^\"]*\"|#[^\n]*", "", text)))
    declared = set(re.findall(r"PREFIX\s+([a-z]+):", text))
    assert used <= declared, f"{name} uses undeclared prefixes {used - declared} (must run outside kg query)"
    result = answer(name)
    assert result.variables and all(set(r) == set(result.variables) for r in result.rows)


def test_who_accuses_whom(answer, rows):
    pairs = {(r["accuser"], r["accused"]) for r in answer("01-who-accuses-whom.rq").rows}
    assert ("Robert Mugabe", "Gordon Brown") in pairs  # "Mugabe accused ... Gordon Brown of interfering"
    accuse = {(r["subject"], r["object"]) for r in rows if r["event_type"] == "ACCUSE" and r["negated"] == "false"}
    assert pairs <= accuse


def test_events_of_an_actor_by_date(answer, rows):
    result = answer("02-events-of-actor-by-date.rq").rows
    assert result, "Zelensky has events in the founding article"
    assert all("Volodymyr Zelensky" in (r["subject"], r["object"]) for r in result)
    dates = [r["date"] for r in result]
    assert dates == sorted(dates) and all(re.fullmatch(r"\d{4}(-\d\d){0,2}", d) for d in dates)
    expected = {(r["doc"], r["predicate"], r["quote"]) for r in rows
                if "Volodymyr Zelensky" in (r["subject"], r["object"])}
    assert {(r["doc"], r["predicate"], r["quote"]) for r in result} == expected


def test_what_china_denied(answer):
    result = answer("03-what-china-denied.rq").rows
    denial = [r for r in result if r["doc"] == FOUNDING and "denied that Beijing had provided troops" in r["quote"]]
    assert denial, "Lin Jian (Chinese Foreign Ministry) denied that Beijing had provided troops"
    assert {r["who"] for r in denial} & {"Lin Jian", "China", "Chinese Foreign Ministry"}


def test_events_reported_by_a_speaker(answer, rows):
    result = answer("04-events-reported-by-speaker.rq").rows
    expected = {(r["doc"], r["predicate"], r["quote"]) for r in rows if r["attributed_to"] == "Volodymyr Zelensky"}
    assert {(r["doc"], r["predicate"], r["quote"]) for r in result} == expected
    assert {r["doc"] for r in result} <= {FOUNDING}


def test_negated_and_hypothetical_events(answer, store):
    result = answer("05-negated-and-hypothetical.rq").rows
    assert result
    for r in result:
        assert "true" in (r["negated"], r["hypothetical"])
        if r["relation"]:  # the direct triple never asserts what the text does not
            assert re.search(r"/(not|may)-[a-z0-9-]+$", r["relation"]), r["relation"]
    asserted = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?e gk:negated true }").rows[0]["n"]
    assert sum(r["negated"] == "true" for r in result) == int(asserted)


def test_cooperation_conflict_balance(answer):
    result = answer("06-cooperation-conflict-balance.rq").rows
    quads = {r["quad"]: int(r["events"]) for r in result}
    assert set(quads) <= {"1", "2", "3", "4"} and all(n > 0 for n in quads.values())
    assert quads.get("4", 0) >= 1, "Russia's invasion of Ukraine is material conflict"
    labels = {r["quad"]: r["quad_label"] for r in result}
    assert labels.get("4") == "material conflict"


def test_path_between_two_actors(answer):
    result = answer("07-path-between-actors.rq").rows
    assert result, "Zelensky and Russia are connected in the founding article"
    assert min(int(r["hops"]) for r in result) <= 2
    assert all(r["from"] == "Volodymyr Zelensky" and r["to"] == "Russia" for r in result)


def test_events_in_a_place(store, rows):
    located = [r["location"] for r in rows if r["location"]]
    assert located, "the seed articles locate events (Darfur, Tarasivka, ...)"
    place = "Darfur" if "Darfur" in located else max(sorted(set(located)), key=located.count)
    query = (QUERIES / "08-events-in-place.rq").read_text(encoding="utf-8").replace('"Darfur"', f'"{place}"')
    result = run_query(store, query).rows
    expected = {(r["doc"], r["predicate"], r["quote"]) for r in rows if r["location"] == place}
    assert expected and expected <= {(r["doc"], r["predicate"], r["quote"]) for r in result}


def test_documents_mentioning_an_actor(answer):
    docs = {r["doc"] for r in answer("09-documents-mentioning-actor.rq").rows}
    assert {FOUNDING, "002_south_ossetia_join_russia"} <= docs


def test_actors_with_aliases_and_roles(answer):
    result = {r["actor"]: r for r in answer("10-actors-aliases-roles.rq").rows}
    zelensky = result["Volodymyr Zelensky"]
    assert zelensky["type"] == "person" and zelensky["country"] == "UKR"
    assert "Zelensky" in zelensky["aliases"].split(" | ")
    assert result["China"]["type"] == "state"


def test_events_per_type_per_month(answer, rows):
    result = answer("11-events-per-type-per-month.rq").rows
    assert all(re.fullmatch(r"\d{4}-\d\d", r["month"]) for r in result)
    assert ("2025-04", "COERCE") in {(r["month"], r["event_type"]) for r in result}  # captured nationals
    typed = sum(1 for r in rows if r["event_type"])
    assert 0 < sum(int(r["events"]) for r in result) <= typed


def test_sources_behind_one_event(answer, store):
    result = answer("12-sources-behind-event.rq").rows
    assert result
    row = result[0]
    assert row["doc"] == FOUNDING and row["published"] == "2025-04-09"
    doc_text = run_query(store, f'SELECT ?t WHERE {{ ?d dcterms:identifier "{FOUNDING}" ; gk:text ?t }}').rows[0]["t"]
    assert doc_text[int(row["start"]):int(row["end"])] == row["quote"]
    assert "denied" in row["quote"] and row["model"].startswith("en_core_web")


def test_direct_relations_include_every_asserted_accusation(answer):
    direct = {(r["subject"], r["object"]) for r in answer("13-direct-relations.rq").rows}
    accused = {(r["accuser"], r["accused"]) for r in answer("01-who-accuses-whom.rq").rows}
    assert accused <= direct
    labels = {r["relation"] for r in answer("13-direct-relations.rq").rows}
    assert not any(lbl.startswith(("does not ", "may ")) for lbl in labels)
