"""Adapters that turn each peer library into `predict(text) -> bool` for the side-by-side evaluation."""

from __future__ import annotations

import importlib.util
import logging
import tempfile
from collections.abc import Callable

TOXICITY_PEERS = ["alt-profanity-check", "better-profanity", "glin-profanity[lang]", "glin-profanity[all]"]
SECRET_PEERS = ["detect-secrets[txt]", "glin-profanity[scanners]", "scrubadub[default]", "presidio[patterns]"]
ALL_PEERS = TOXICITY_PEERS + SECRET_PEERS

# the import name that must be present for a peer to run, and the distribution to name when it is not
_REQUIRED = {
    "alt-profanity-check": ("profanity_check", "alt-profanity-check"),
    "better-profanity": ("better_profanity", "better-profanity"),
    "glin-profanity": ("glin_profanity", "glin-profanity"),
    "detect-secrets": ("detect_secrets", "detect-secrets"),
    "scrubadub": ("scrubadub", "scrubadub"),
    "presidio": ("presidio_analyzer", "presidio-analyzer"),
}
_GLIN_LANGUAGE = {"en": "english", "de": "german", "it": "italian", "es": "spanish", "fr": "french",
                  "nl": "dutch"}
_PRESIDIO_ENTITIES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE"]


def family(peer: str) -> str:
    return peer.split("[", 1)[0]


def missing_distribution(peer: str) -> str | None:
    """The distribution to install for this peer, or None when it is importable."""
    module, distribution = _REQUIRED[family(peer)]
    if importlib.util.find_spec(module) is None:
        return distribution
    if family(peer) == "presidio" and importlib.util.find_spec("spacy") is None:
        return "spacy"
    return None


def applies(peer: str, dataset_kind: str) -> bool:
    """Profanity filters run on toxicity and chat sets; secret/PII scanners on the secrets and chat sets."""
    if peer in TOXICITY_PEERS:
        return dataset_kind in ("toxicity", "chat")
    return dataset_kind in ("secrets", "chat")


def make_predictor(peer: str, language: str) -> Callable[[str], bool]:
    """Build one peer's detector; imports happen here, inside the child process that runs it."""
    if peer == "alt-profanity-check":
        from profanity_check import predict

        return lambda text: bool(predict([text])[0])
    if peer == "better-profanity":
        from better_profanity import profanity

        profanity.load_censor_words()
        return profanity.contains_profanity
    if peer == "glin-profanity[lang]":
        from glin_profanity import Filter

        return Filter({"languages": [_GLIN_LANGUAGE.get(language, "english")]}).is_profane
    if peer == "glin-profanity[all]":
        from glin_profanity import Filter

        return Filter({"all_languages": True}).is_profane
    if peer == "glin-profanity[scanners]":
        from glin_profanity.scanners import scan_pii, scan_secrets

        return lambda text: (not scan_secrets(text).valid) or (not scan_pii(text).valid)
    if peer == "detect-secrets[txt]":
        return _detect_secrets()
    if peer == "scrubadub[default]":
        import scrubadub

        scrubber = scrubadub.Scrubber()
        return lambda text: any(True for _ in scrubber.iter_filth(text))
    if peer == "presidio[patterns]":
        return _presidio()
    raise ValueError(f"unknown peer {peer}")


def _detect_secrets() -> Callable[[str], bool]:
    # detect-secrets has no public "scan this string" API with file semantics (its adhoc scan_line runs
    # the entropy plugins eagerly and reports plain words), so a message is scanned as a one-message file.
    from detect_secrets.core.scan import _process_line_based_plugins
    from detect_secrets.settings import default_settings

    settings = default_settings()
    settings.__enter__()  # keep the default plugins active for the whole run

    def predict(text: str) -> bool:
        lines = list(enumerate(text.split("\n"), start=1))
        return any(True for _ in _process_line_based_plugins(lines, filename="message.txt"))

    predict.settings = settings  # type: ignore[attr-defined]  # keeps the context alive
    return predict


def _presidio() -> Callable[[str], bool]:
    # No spaCy model is installable offline, so presidio runs with a blank English pipeline: its pattern
    # recognizers (e-mail, phone, card, IBAN) work, the NER-based ones do not.
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    model_dir = tempfile.mkdtemp(prefix="blank_en_")
    spacy.blank("en").to_disk(model_dir)
    configuration = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model_dir}]}
    engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    return lambda text: bool(analyzer.analyze(text=text, language="en", entities=_PRESIDIO_ENTITIES))
