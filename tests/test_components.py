"""GeoKG's spaCy components: registered factories and the documented Doc/Span/Token extensions."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.pipeline.components  # noqa: F401  (registers the factories)
from kg.model import Document, Event
from kg.pipeline.components import result_of, with_document

FOUNDING = Path(__file__).resolve().parent.parent / "seeds" / "000_0d3747f6e96d4de0.txt"


@pytest.fixture(scope="module")
def geokg_nlp():
    """A pipeline of its own (the shared session model stays untouched) with GeoKG's components."""
    from kg.nlp import load_model

    nlp = load_model()  # with geokg_paragraphs before the parser
    assert nlp.pipe_names.index("geokg_paragraphs") < nlp.pipe_names.index("parser")
    nlp.add_pipe("geokg_entities")
    nlp.add_pipe("geokg_events")
    return nlp


@pytest.fixture(scope="module")
def founding_doc(geokg_nlp):
    text = FOUNDING.read_text(encoding="utf-8")
    return with_document(geokg_nlp, Document(id=FOUNDING.stem, text=text, date="2025-04-09"))


def test_components_are_registered_and_set_doc_extensions(founding_doc):
    events = founding_doc._.geokg_events
    assert events and all(isinstance(e, Event) for e in events)
    assert {e.predicate for e in events if e.event_type} >= {"capture", "deny", "summon"}
    labels = {e.label for e in founding_doc._.geokg_entities}
    assert {"Volodymyr Zelensky", "China", "Ukraine"} <= labels


def test_span_and_token_extensions(founding_doc):
    sent = next(s for s in founding_doc.sents if "denied" in s.text)
    in_sent = sent._.geokg_events
    assert [e.predicate for e in in_sent if e.event_type] == ["deny"]
    assert all(sent.start_char <= e.start and e.end <= sent.end_char for e in in_sent)
    lin = next(t for t in sent if t.text == "Lin")
    assert founding_doc._.geokg_index.entity(lin._.geokg_entity).label == "Lin Jian"


def test_publication_date_anchors_relative_dates(founding_doc):
    told = [e for e in founding_doc._.geokg_events if e.predicate == "tell"]
    assert told and told[0].date == "2025-04-08"


def test_result_of_is_plain_data(founding_doc):
    import pickle

    res = result_of(founding_doc)
    assert pickle.loads(pickle.dumps(res)).events == res.events
    assert res.document.id == FOUNDING.stem


def test_paragraph_component_ends_sentences_at_line_breaks(geokg_nlp):
    doc = geokg_nlp("Photo: EPA-EFE / SERGEY DOLZHENKO\nUkrainian President Volodymyr Zelensky revealed on "
                    "Tuesday that Ukrainian forces had captured two Chinese nationals.")
    assert [s.text.strip()[:5] for s in doc.sents] == ["Photo", "Ukrai"]


def test_events_component_requires_entities():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_events")
    with pytest.raises(ValueError, match="geokg_entities"):
        nlp("Zelensky warned Russia.")


def test_spacy_finds_the_components_by_name_without_importing_geokg():
    # A fresh interpreter that never imports kg: only the package's entry points can register them.
    import subprocess
    import sys

    code = ("import spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('geokg_paragraphs'); "
            "doc = nlp('Headline\\nBody text here.'); "
            "print([s.text for s in doc.sents]); print('kg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['Headline\\n', 'Body text here.']", "True"]


def test_paragraph_breaks_end_headlines_but_hard_wrapped_lines_run_on(geokg_nlp):
    """A headline without a full stop is its own sentence; a hard-wrapped paragraph stays one."""
    headline = "Threat from Russia\n\nNATO leaders pledged to raise military spending at the summit."
    doc = geokg_nlp.make_doc(headline)
    for _name, proc in geokg_nlp.pipeline[:geokg_nlp.pipe_names.index("parser") + 1]:
        doc = proc(doc)
    assert [s.text.strip() for s in doc.sents] == ["Threat from Russia",
                                                     "NATO leaders pledged to raise military spending at the summit."]
    wrapped = ("The foreign ministry said on Tuesday that the talks\nwould resume in Geneva next week, and that\n"
               "both delegations had agreed to a prisoner exchange\nbefore the end of the month.\n")
    doc = geokg_nlp.make_doc(wrapped)
    for _name, proc in geokg_nlp.pipeline[:geokg_nlp.pipe_names.index("parser") + 1]:
        doc = proc(doc)
    assert len(list(doc.sents)) == 1
