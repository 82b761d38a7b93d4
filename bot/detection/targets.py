"""Whom a hostile word is about: a group named nearby, people referred to by a pronoun or a plural verb, or a thing."""

from __future__ import annotations

import re

from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit

# In a message this short (a chat line, a post), a group named anywhere is what its hostile words are about.
WHOLE_MESSAGE_GROUP_WORDS = 60
# How far back (in characters) a subject is looked for: a few words.
PREDICATE_WINDOW_CHARACTERS = 60
PREDICATE_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# How many words around a term a target ("you") may be.
TARGET_REACH = 4


def group_target(layout: MessageLayout, hit: Hit) -> Hit | None:
    """A group named in the same sentence, or "they" referring to a group named earlier in the message."""
    group = layout.in_sentence(hit, "group")
    if group and _reported_apart(layout, hit, group):
        group = next((other for other in layout.between("group", *layout.sentence_bounds(hit.start))
                      if not _reported_apart(layout, hit, other)), None)
    if group:
        return group
    # "they", or a plural "you" ("Jullie zijn ..."), in a later sentence of a message that named a group.
    pronoun = layout.in_clause(hit, "third_person") or layout.in_clause(hit, "second_person")
    if pronoun and layout.anywhere("group"):
        earlier = layout.before("group", hit.start)
        if earlier:
            return earlier[-1]
    if (layout.anywhere("group") and len(layout.word_starts) <= WHOLE_MESSAGE_GROUP_WORDS
            and _names_people(layout, hit)):
        return next((other for other in layout.by_key["group"] if not _reported_apart(layout, hit, other)), None)
    return None


def _reported_apart(layout: MessageLayout, hit: Hit, group: Hit) -> bool:
    """ "awful, when people say that women ...": a report between a judgement and a group puts the group in
    someone else's words, which the judgement is about."""
    low, high = (hit.end, group.start) if hit.start < group.start else (group.end, hit.start)
    return bool(layout.between("reporting", low, high))


def _names_people(layout: MessageLayout, hit: Hit) -> bool:
    """Whether a predicate can be about a group named in another sentence of the message: a phrase or a
    strong word can, a bare negative word ("enough!", "shame", "free") only when it is plural ("stupidi",
    "despreciables") or follows a plural "are" in its clause ("son estúpidas", "sie sind ...")."""
    if hit.key != "negative" or " " in hit.term:
        return True
    if hit.term.endswith(_PLURAL_ENDINGS) or _OBJECT_FUSED(hit.term):
        return True
    low, _ = layout.clause_bounds(hit.start)
    words = PREDICATE_WORD.findall(layout.plain, max(low, hit.start - PREDICATE_WINDOW_CHARACTERS), hit.start)
    index = len(words) - 1
    while index >= 0 and words[index] in INTENSIFIERS_ANY_LANGUAGE:
        index -= 1
    return index >= 0 and words[index] in _PLURAL_COPULAS


# Plural forms in Italian, Spanish and French ("stupidi", "inutiles", "rubano"); "gratis" is no plural.
_PLURAL_ENDINGS = ("i", "os", "as", "es", "ano", "ono")
# A verb with its object fused to it ("eliminarlo", "cacciarle"): it names what it is about.
_OBJECT_FUSED = re.compile(r"(?:[aei]r|[aei]te|iamo)(?:lo|la|li|le)$").search
# A plural "are" (and "stay", "seem") before a predicate: the subject is people named elsewhere.
_PLURAL_COPULAS = frozenset({"are", "were", "sono", "siete", "erano", "restano", "rimangono", "sembrano",
                             "son", "sois", "eran", "siguen", "parecen", "sont", "etaient", "restent",
                             "semblent", "sind", "seid", "waren", "bleiben", "zijn", "blijven",
                             "lijken", "binne"})
INTENSIFIERS_ANY_LANGUAGE = frozenset({"so", "really", "very", "too", "tutti", "tutte", "solo", "davvero",
                                        "proprio", "molto", "troppo", "assolutamente", "veramente", "cosi",
                                        "todos", "todas", "muy", "tan", "totalmente", "realmente",
                                        "tous", "toutes", "tres", "trop", "si", "vraiment", "totalement",
                                        "alle", "sehr", "echt", "total", "zo", "heel", "erg",
                                        "allemaal", "gewoon", "just", "all", "absolutely", "totally"})


def about_a_thing(layout: MessageLayout, hit: Hit) -> bool:
    """ "uno scherzo idiota", "eine dumme Frage", "une blague débile": an insult used as the adjective of a
    thing (the noun right before it in Romance languages, right after it in German, Dutch and English) is
    rude about the thing, not an insult of a person, unless someone is addressed right there."""
    if " " in hit.term or layout.near(hit, "second_person", TARGET_REACH, 2):
        return False
    before = PREDICATE_WORD.findall(layout.plain, max(0, hit.start - 24), hit.start)
    after = PREDICATE_WORD.findall(layout.plain, hit.end, hit.end + 24)
    return bool((before and before[-1] in _THING_NOUNS) or (after and after[0] in _THING_NOUNS))


# Nouns for things people make or say at work (plain forms, accents stripped), in the seven languages.
_THING_NOUNS = frozenset({
    # English
    "idea", "ideas", "joke", "jokes", "question", "questions", "comment", "comments", "rule", "rules",
    "decision", "meeting", "plan", "proposal", "game", "movie", "song", "bug", "error", "mistake", "thing",
    "things", "code", "script", "test", "tests", "policy", "design", "feature", "excuse", "argument",
    # Italian
    "idee", "scherzo", "scherzi", "battuta", "battute", "domanda", "domande", "commento", "commenti",
    "regola", "regole", "legge", "decisione", "riunione", "piano", "proposta", "gioco", "canzone", "errore",
    "cosa", "cose", "codice", "scusa", "scuse", "risposta", "mossa", "riforma",
    # Spanish
    "broma", "bromas", "pregunta", "preguntas", "comentario", "comentarios", "regla", "reglas", "ley",
    "reunion", "propuesta", "juego", "cancion", "codigo", "excusa", "respuesta",
    # French
    "blague", "blagues", "commentaire", "regle", "regles", "loi", "proposition", "jeu",
    "chanson", "erreur", "truc", "trucs", "chose", "choses", "reponse",
    # German
    "witz", "witze", "frage", "fragen", "kommentar", "regel", "regeln", "gesetz", "entscheidung",
    "besprechung", "vorschlag", "spiel", "lied", "fehler", "sache", "sachen", "ausrede", "antwort",
    # Dutch and West Frisian
    "grap", "grappen", "vraag", "vragen", "opmerking", "wet", "besluit", "vergadering", "voorstel",
    "spel", "liedje", "fout", "ding", "dingen", "smoes", "antwoord", "fraach", "grapke",
})


# "is"/"are"/"seems" in the other languages, for a third-person pronoun subject ("lui è pessimo", "il est débile").
OTHER_COPULAS = frozenset({"e", "sono", "era", "erano", "sembra", "sembrano", "pare", "resta", "rimane",
                            "es", "son", "eran", "parece", "parecen", "est", "sont", "etait", "semble",
                            "ist", "sind", "war", "waren", "wirkt", "scheint", "zijn", "lijkt", "blijft"})


def subjectless_they(layout: MessageLayout, hit: Hit) -> bool:
    """ "Fanno solo danni.", "Fanno vomitare!": an Italian phrase whose plural verb carries its own "they",
    making up its clause; with a subject before it ("le microplastiche sono una piaga") or after it ("mi fanno
    paura i ragni") it is about that. "Fare pena" is as often pity as contempt, so it never counts alone."""
    words = hit.term.split()
    if len(words) == 1:
        return _bare_plural_clause(layout, hit)
    verb = words[1] if len(words) > 1 and words[0] in _OBJECT_CLITICS else words[0]
    if len(words) < 2 or not (verb in _THEY_VERBS or verb.endswith(_PLURAL_VERB_ENDINGS)) or _PITY in words:
        return False
    low, high = layout.clause_bounds(hit.start)
    before = PREDICATE_WORD.findall(layout.plain, low, hit.start)
    after = PREDICATE_WORD.findall(layout.plain, hit.end, min(high, len(layout.plain)))
    return all(word in CLAUSE_OPENERS for word in before + after)


def _bare_plural_clause(layout: MessageLayout, hit: Hit) -> bool:
    """ "Orrende!", "Veramente ridicoli...": a plural negative word that makes up its clause, after nothing but
    words that open one, judges people the writer has in mind; a noun before it ("scarpe orrende") or after it
    is what it is about, and so is a subject that "and" ties to the plural verb ("e sono falliti", of shops)."""
    if (hit.key != "negative" or not hit.term.isalpha() or not hit.term.endswith(_PLURAL_WORD_ENDINGS)
            or _OBJECT_FUSED(hit.term)):
        return False  # "eliminatele": an order, not a judgement
    low, high = layout.clause_bounds(hit.start)
    previous = low - 1
    while previous >= 0 and layout.plain[previous].isspace():
        previous -= 1
    if previous >= 0 and layout.plain[previous] == "?":
        return False  # "Le scarpe? Ridicole.": the answer to a question is about what the question named
    before = PREDICATE_WORD.findall(layout.plain, low, hit.start)
    after = PREDICATE_WORD.findall(layout.plain, hit.end, min(high, len(layout.plain)))
    if before and before[-1] in _PLURAL_COPULAS and _AND_THEN not in before:
        before = before[:-1]  # "Sono inguardabili": "they are", unless "and" ties the verb to a subject before
    return all(word in CLAUSE_OPENERS or word in INTENSIFIERS_ANY_LANGUAGE for word in before + after)


_AND_THEN = "e"
# Italian plural endings of adjectives and nouns ("ridicoli", "orrende").
_PLURAL_WORD_ENDINGS = ("i", "e")
# Plural verbs that open a phrase about "them" (after "mi", "ci", "si": "mi fanno pena", "ci invadono").
_THEY_VERBS = frozenset({"sono", "fanno", "hanno", "vanno", "stanno", "fate", "siete"})
_PLURAL_VERB_ENDINGS = ("ano", "ono", "anno")
_OBJECT_CLITICS = frozenset({"mi", "ci", "si", "vi", "ti"})
_PITY = "pena"
# Words that may come before the subject or verb of a clause without being its subject.
CLAUSE_OPENERS = frozenset({"no", "ma", "e", "che", "tutti", "tutte", "ormai", "proprio", "davvero", "perche",
                             "poi", "pure", "anche", "veramente", "sempre", "solo", "gia", "ancora", "si", "beh",
                             "insomma", "comunque", "cmq", "quanto", "come"})
