"""NLP stage: which English spaCy pipeline parses the documents, loaded once per process.

    nlp = load_model(None)       # the best installed: en_core_web_trf/lg/md/sm, then the PyPI re-upload
    model_info(nlp)              # name and version, recorded in the graph's provenance
"""

from kg.nlp.models import ModelInfo, ModelNotFound, available_model, load_model, model_info

__all__ = ["ModelInfo", "ModelNotFound", "available_model", "load_model", "model_info"]
