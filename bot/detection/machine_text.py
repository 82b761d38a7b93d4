"""Keys, hashes and encoded data inside a message: blanked before words are read, because they are not words."""

from __future__ import annotations

import re

# A run of the characters keys and encodings are made of, whole (never starting inside a longer run).
MINIMUM_RUN = 20
_RUN = re.compile(rf"(?<![A-Za-z0-9_+/=\-])[A-Za-z0-9_+/=\-]{{{MINIMUM_RUN},}}")
_ANY_RUN = re.compile(rf"[A-Za-z0-9_+/=\-]{{{MINIMUM_RUN}}}").search
# Stretches of one character class: random strings switch between lower case, upper case and digits all
# the time, glued words and handles ("youstupididiot2024", "I_hate_mondays_1234") hardly ever do.
_CLASS_STRETCH = re.compile(r"[a-z]+|[A-Z]+|[0-9]+")
MINIMUM_STRETCHES = 7
MINIMUM_DIGITS = 2


def is_machine_string(run: str) -> bool:
    """True for a token, hash, UUID or base64 line; False for anything a person could have typed as words."""
    stretches = _CLASS_STRETCH.findall(run)
    if len(stretches) < MINIMUM_STRETCHES:
        return False
    return sum(len(stretch) for stretch in stretches if stretch[0].isdigit()) >= MINIMUM_DIGITS


def blank_machine_strings(text: str) -> str:
    """The text with every machine string replaced by spaces of the same length, so offsets still line up.

    Scanning a 40-character key for words of seven languages costs more than reading a whole sentence, and
    finds nothing but accidents ("ass" in a base64 line); the secret detectors still read the original text.
    """
    if len(text) < MINIMUM_RUN or not any(_ANY_RUN(token) for token in text.split() if len(token) >= MINIMUM_RUN):
        # No run of MINIMUM_RUN key characters inside any word (most messages, links and hashtags included):
        # the run search over the whole text, which tries a run at every position, is skipped.
        return text
    pieces: list[str] = []
    last = 0
    for match in _RUN.finditer(text):
        if is_machine_string(match.group()):
            pieces.append(text[last:match.start()])
            pieces.append(" " * (match.end() - match.start()))
            last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
