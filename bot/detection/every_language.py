"""Every language's lexicon and marker words in one automaton: one pass over a message whose language is unsure."""

from __future__ import annotations

import ahocorasick

from bot.detection.lexicon import Hit, glued_span, is_word_character, new_hit

# The merged automaton stores one integer per text, no Python object (a hundred thousand texts): which
# automata hold it (one bit each), whether any of their entries may start or end inside a longer word (two
# bits), and above those its length. pyahocorasick keeps a signed 32-bit integer.
VALUE_BITS = 31


class EveryLanguage:
    """Several compiled automata (each language's lists and markers, the fallback's strong and safe lists)
    merged into one. `find` returns, for each of them, exactly the hits `find_hits` would, in the same order:
    a message whose language is unsure is otherwise read once per automaton (sixteen times). A text that
    stands as a word is looked up again in the automata that hold it, for its entries."""

    def __init__(self, automata: list[ahocorasick.Automaton]) -> None:
        self._automata = list(automata)
        self._slots_mask = (1 << len(automata)) - 1
        self._open_start = 1 << len(automata)
        self._open_end = self._open_start << 1
        self._length_shift = len(automata) + 2
        longest = max((automaton.get_stats()["longest_word"] for automaton in automata if len(automaton)), default=0)
        if (longest + 1).bit_length() + self._length_shift > VALUE_BITS:
            raise ValueError(f"{len(automata)} automata with terms of up to {longest} characters cannot be merged")
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for slot, automaton in enumerate(automata):
            if len(automaton) == 0:
                continue
            for text, value in automaton.items():
                bits = (1 << slot) | (len(text) << self._length_shift)
                if value[4]:
                    bits |= self._open_start
                if value[5]:
                    bits |= self._open_end
                self._automaton.add_word(text, self._automaton.get(text, 0) | bits)
        if len(self._automaton):
            self._automaton.make_automaton()
        self._slots: dict[int, tuple[int, ...]] = {}  # slot bits -> the slots, filled as they are met

    def find(self, plain: str) -> list[list[Hit]]:
        """The hits of each merged automaton (by its position in the list given), as `find_hits` finds them."""
        found: list[list[Hit]] = [[] for _ in self._automata]
        if not plain or len(self._automaton) == 0:
            return found
        length = len(plain)
        shift, open_start, open_end = self._length_shift, self._open_start, self._open_end
        for end_index, bits in self._automaton.iter(plain):
            size = bits >> shift
            start = end_index - size + 1
            end = end_index + 1
            # The same checks as `find_hits`: a listed word stands alone unless an entry is a word part.
            glued_before = False
            if start and is_word_character(plain[start]):
                character = plain[start - 1]
                if character.isalnum() or character == "_":
                    if not bits & open_start:
                        continue
                    glued_before = True
            glued_after = False
            if end < length and is_word_character(plain[end_index]):
                character = plain[end]
                if character.isalnum() or character == "_":
                    if not bits & open_end:
                        continue
                    glued_after = True
            text = plain[start:end]
            word_start, word_end = glued_span(plain, start, end, glued_before, glued_after)
            for slot in self._slots_of(bits & self._slots_mask):
                hits = found[slot]
                for entry in self._automata[slot].get(text)[1]:
                    if glued_before and not entry.open_start:
                        continue
                    if glued_after and not entry.open_end:
                        continue
                    hits.append(new_hit(entry.key, word_start, word_end, entry.term))
        return found

    def _slots_of(self, mask: int) -> tuple[int, ...]:
        slots = self._slots.get(mask)
        if slots is None:
            slots = tuple(slot for slot in range(len(self._automata)) if mask >> slot & 1)
            self._slots[mask] = slots
        return slots
