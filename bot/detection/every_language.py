"""Every language's lexicon and marker words in one automaton: one pass over a message whose language is unsure."""

from __future__ import annotations

import ahocorasick

from bot.detection.lexicon import Hit, glued_span, is_word_character


class EveryLanguage:
    """Several compiled automata (each language's lists and markers, the fallback's strong and safe lists)
    merged into one. `find` returns, for each of them, exactly the hits `find_hits` would, in the same order:
    a message whose language is unsure is otherwise read once per automaton (sixteen times)."""

    def __init__(self, automata: list[ahocorasick.Automaton]) -> None:
        self._count = len(automata)
        merged: dict[str, list[tuple[int, tuple]]] = {}
        for slot, automaton in enumerate(automata):
            if len(automaton) == 0:
                continue
            for text, value in automaton.items():
                merged.setdefault(text, []).append((slot, value[1]))
        self._automaton = ahocorasick.Automaton()
        for text, groups in merged.items():
            entries = [entry for _, found in groups for entry in found]
            self._automaton.add_word(text, (len(text), tuple(groups), is_word_character(text[0]),
                                            is_word_character(text[-1]),
                                            any(entry.open_start for entry in entries),
                                            any(entry.open_end for entry in entries)))
        if merged:
            self._automaton.make_automaton()

    def find(self, plain: str) -> list[list[Hit]]:
        """The hits of each merged automaton (by its position in the list given), as `find_hits` finds them."""
        found: list[list[Hit]] = [[] for _ in range(self._count)]
        if not plain or len(self._automaton) == 0:
            return found
        length = len(plain)
        for end_index, (size, groups, first_is_word, last_is_word, any_open_start, any_open_end) in \
                self._automaton.iter(plain):
            start = end_index - size + 1
            end = end_index + 1
            # The same checks as `find_hits`: a listed word stands alone unless an entry is a word part.
            glued_before = False
            if first_is_word and start:
                character = plain[start - 1]
                if character.isalnum() or character == "_":
                    if not any_open_start:
                        continue
                    glued_before = True
            glued_after = False
            if last_is_word and end < length:
                character = plain[end]
                if character.isalnum() or character == "_":
                    if not any_open_end:
                        continue
                    glued_after = True
            if not glued_before and not glued_after:
                for slot, entries in groups:
                    hits = found[slot]
                    for entry in entries:
                        hits.append(Hit(entry.key, start, end, entry.term))
                continue
            word_start, word_end = glued_span(plain, start, end, glued_before, glued_after)
            for slot, entries in groups:
                hits = found[slot]
                for entry in entries:
                    if glued_before and not entry.open_start:
                        continue
                    if glued_after and not entry.open_end:
                        continue
                    hits.append(Hit(entry.key, word_start, word_end, entry.term))
        return found

