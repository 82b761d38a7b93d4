"""Insults, profanity, slurs, threats and hate against groups, with the context rules that tell them apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.detection.targets import (
    CLAUSE_OPENERS,
    INTENSIFIERS_ANY_LANGUAGE,
    OTHER_COPULAS,
    PREDICATE_WINDOW_CHARACTERS,
    PREDICATE_WORD,
    TARGET_REACH,
    about_a_thing,
    group_target,
    subjectless_they,
)
from bot.vocabulary import Category, Severity

# How many words around a term a target ("you") or a modifier ("not") may be.
NEGATION_REACH = 3
SELF_REACH = 4
# A strong word counts as reported only right after the reporting words ("kept calling him a ...").
STRONG_REPORT_REACH = 4
# At most this many findings of one category and severity per message (long pastes).
FINDINGS_CAP = 20
# At most this many hits of one list are weighed per message.
HITS_EXAMINED = 200
# A hate verb is negated by a negation at most this many words before it.
HATE_NEGATION_REACH = 2


@dataclass(frozen=True, slots=True)
class RawFinding:
    """A finding on plain-text offsets; the facade maps it back to the original text."""

    category: Category
    severity: Severity
    start: int
    end: int
    rule: str
    reason: str


# First-person words that own rather than name the speaker: "my idiot brother" is not self-deprecation.
_POSSESSIVES = frozenset({
    "my", "mine", "our", "ours", "mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "mijn",
    "m'n", "onze", "ons", "mio", "mia", "miei", "mie", "nostro", "nostra", "mon", "ma", "mes", "notre",
    "nos", "mi", "mis", "nuestro", "nuestra", "myn",
})
# Reporting words that, after "I" or "we", give the speaker's own opinion.
_OPINION_VERBS = frozenset({"think", "believe", "thinks", "believes", "feel", "reckon"})
_SELF_NAMING = frozenset({"im", "myself", "ourselves", "us", "mezelf", "mijzelf", "ikzelf", "ich selbst", "selbst"})


def _reported(layout: MessageLayout, hit: Hit, *, strong: bool = False) -> bool:
    """Reported or quoted speech: "someone called me an idiot", '"x are scum" is a hateful thing to say'.
    A strong word needs the report before it ("he called me a ..."), not a loose word anywhere."""
    if strong:
        report = layout.near(hit, "reporting", STRONG_REPORT_REACH, 0, same_clause=True)
        if report and not _own_opinion(layout, report):
            return True
    else:
        low, high = layout.sentence_bounds(hit.start)
        # A reporting word inside the judged phrase is part of it ("vanno picchiati"), not a report of it.
        if any(not (report.start < hit.end and hit.start < report.end) and not _own_opinion(layout, report)
               for report in layout.between("reporting", low, high)):
            return True
    return layout.is_quoted(hit) and layout.anywhere("reporting")


def _own_opinion(layout: MessageLayout, report: Hit) -> bool:
    """ "I think that ...", "we believe that ...": the speaker's own view, not someone else's words reported
    ("they think that ...", "I don't think that ..." still are)."""
    if report.term.split()[0] not in _OPINION_VERBS:
        return False
    speaker = layout.near(report, "first_person", 2, 0)
    if speaker is None or speaker.term in _POSSESSIVES:
        return False
    return layout.near(report, "negation", 2, 0) is None


def _about_self(layout: MessageLayout, hit: Hit, reach: int, strong: bool) -> bool:
    if layout.near(hit, "second_person", TARGET_REACH, TARGET_REACH):
        return False
    if any(hit.start <= you.start and you.end <= hit.end for you in layout.by_key.get("second_person", ())):
        # "i hope you all get fired": the phrase names its target itself.
        return False
    if any(word in _OBJECT_PRONOUNS for word in hit.term.split()[:-1]):
        # "io non le sopporto", "anche io le detesto": the phrase names whom it is about, not the speaker.
        return False
    if any(me.start <= hit.start and hit.end <= me.end for me in layout.by_key.get("first_person", ())):
        return True  # the listed phrase names the speaker around the word itself ("che scemo che sono")
    # The speaker before the word must be in its clause ("I don't care, idiot" is aimed at someone else);
    # right after it may follow a comma ("che idiota, io ho sbagliato": an exclamation about oneself).
    speaker = layout.near(hit, "first_person", reach, 0, same_clause=True) or (
        None if strong else layout.near(hit, "first_person", 0, 2))
    if speaker is None or speaker.term in _POSSESSIVES:
        return False
    if strong:
        # Only "I'm", "I am", "myself", "us" name the speaker; "give me ..." or "I need a ..." do not.
        return " " in speaker.term or "'" in speaker.term or speaker.term in _SELF_NAMING
    return True


def _excused(layout: MessageLayout, hit: Hit, *, strong: bool) -> str | None:
    """Why a term does not count here (negated, reported, quoted, self-directed, banter), or None.
    Strong words need the excuse right next to them; plain insults get a wider berth and banter."""
    # "no b...es" and "ain't no h..." still use the word; only plain insults are negated away.
    if not strong and layout.near(hit, "negation", NEGATION_REACH, 0, same_clause=True):
        return "negated"
    if _reported(layout, hit, strong=strong):
        return "reported"
    if _about_self(layout, hit, 3 if strong else SELF_REACH, strong):
        return "self"
    # Banter is teasing the person one talks to ("you absolute muppet 😂"), not laughing at a third party.
    if not strong and layout.anywhere("banter") and layout.anywhere("second_person"):
        return "banter"
    return None


class _Findings(list[RawFinding]):
    """At most FINDINGS_CAP findings of each category and severity: a message repeating an insult a
    thousand times needs no more, and each loop stops once the kind it mostly adds is full."""

    def __init__(self) -> None:
        super().__init__()
        self._counts: dict[tuple[Category, Severity], int] = {}

    def add(self, finding: RawFinding) -> None:
        kind = (finding.category, finding.severity)
        count = self._counts.get(kind, 0)
        if count < FINDINGS_CAP:
            self._counts[kind] = count + 1
            self.append(finding)

    def full(self, kind: tuple[Category, Severity]) -> bool:
        return self._counts.get(kind, 0) >= FINDINGS_CAP


def _examined(hits: list[Hit] | None) -> list[Hit]:
    """The hits of one list worth weighing: a paste with hundreds of them says nothing more after these."""
    return hits[:HITS_EXAMINED] if hits else []


_GROUP_HIGH = (Category.TOXICITY, Severity.HIGH)
_INSULT_MEDIUM = (Category.INSULT, Severity.MEDIUM)


def find_toxicity(layout: MessageLayout) -> list[RawFinding]:
    findings = _Findings()
    by_key = layout.by_key

    for hit in _examined(by_key.get("slur")):
        if findings.full(_GROUP_HIGH):
            break
        excuse = _excused(layout, hit, strong=True)
        if excuse:
            _add_excused(findings, layout, hit, excuse)
            continue
        findings.add(_finding(Category.TOXICITY, Severity.HIGH, hit, "slur"))

    for hit in _examined(by_key.get("threat")):
        if findings.full(_GROUP_HIGH):
            break
        if _excused(layout, hit, strong=True) == "reported":
            continue
        findings.add(_finding(Category.TOXICITY, Severity.HIGH, hit, "threat"))

    for key in ("dehumanising", "negative"):
        for hit in _examined(by_key.get(key)):
            if findings.full(_GROUP_HIGH if key == "dehumanising" else _INSULT_MEDIUM):
                break
            finding = _predicate(layout, hit, strong=key == "dehumanising")
            if finding:
                findings.add(finding)

    for hit in _examined(by_key.get("hate_verb")):
        if findings.full(_GROUP_HIGH):
            break
        if _excused(layout, hit, strong=True) == "reported" or _hatred_negated(layout, hit):
            continue
        group = group_target(layout, hit)
        if group:
            findings.add(RawFinding(Category.TOXICITY, Severity.HIGH, min(hit.start, group.start),
                                    max(hit.end, group.end), f"{hit.key}:{hit.term}", "hatred of a group"))
        elif ((layout.near(hit, "second_person", 0, TARGET_REACH) and not _FUSED_OBJECT.search(hit.term))
              # "I hate him", not "I hate snaps, they are slow": the pronoun is the verb's, in its clause
              or layout.near(hit, "third_person", 0, 2, same_clause=True)
              or _clitic_you_before(layout, hit)):
            findings.add(_finding(Category.INSULT, Severity.MEDIUM, hit, "hatred of a person"))
        elif _names_them(hit.term):
            findings.add(_finding(Category.TOXICITY, Severity.HIGH, hit, "violence ordered against them"))
        elif subjectless_they(layout, hit):
            findings.add(_finding(Category.INSULT, Severity.MEDIUM, hit, "hatred of people"))

    for key, severity in (("insult", Severity.MEDIUM), ("insult_strong", Severity.HIGH)):
        for hit in _examined(by_key.get(key)):
            if findings.full((Category.INSULT, severity)):
                break
            if _inside_swearing_phrase(layout, hit):
                continue  # "life's a bitch": swearing about a thing, judged with the profanity
            excuse = _excused(layout, hit, strong=key == "insult_strong")
            if excuse:
                if key == "insult_strong":
                    _add_excused(findings, layout, hit, excuse)
                continue
            group = layout.near(hit, "group", 2, 2)
            if group:
                findings.add(_finding(Category.TOXICITY, Severity.HIGH, hit, "insult of a group"))
            elif key == "insult" and about_a_thing(layout, hit):
                findings.add(_finding(Category.PROFANITY_MILD, Severity.LOW, hit, "rude word about a thing"))
            else:
                findings.add(_finding(Category.INSULT, severity, hit, "insult"))

    for hit in _examined(by_key.get("profanity")):
        if findings.full((Category.PROFANITY_MILD, Severity.LOW)):
            break
        excuse = _excused(layout, hit, strong=True)
        if excuse == "reported":
            _add_excused(findings, layout, hit, excuse)
            continue
        if excuse != "self" and layout.near(hit, "second_person", 2, 2):
            findings.add(_finding(Category.INSULT, Severity.MEDIUM, hit, "swearing at a person"))
        elif layout.near(hit, "group", 2, 2):
            findings.add(_finding(Category.TOXICITY, Severity.HIGH, hit, "swearing at a group"))
        else:
            findings.add(_finding(Category.PROFANITY_MILD, Severity.LOW, hit, "swearing"))
    return list(findings)


def _inside_swearing_phrase(layout: MessageLayout, hit: Hit) -> bool:
    """An insult word inside a listed swearing phrase ("karma is a bitch") names no one."""
    return any(other.start <= hit.start and hit.end <= other.end and " " in other.term
               for other in layout.between("profanity", max(0, hit.start - 40), hit.start + 1))


def _add_excused(findings: _Findings, layout: MessageLayout, hit: Hit, excuse: str) -> None:
    finding = _excused_strong_word(layout, hit, excuse)
    if finding:
        findings.add(finding)


def _excused_strong_word(layout: MessageLayout, hit: Hit, excuse: str) -> RawFinding | None:
    """A slur or strong swear word that is self-directed, reported or banter insults nobody here, but it is
    still a word people regret in a work channel: a low finding (no nudge at the default sensitivity).
    Counter-speech is left alone: an abusive message quoted to condemn it, or a report the sentence
    rejects ("it's not okay to call people ...")."""
    if excuse == "reported" and _counter_speech(layout, hit):
        return None
    return _finding(Category.PROFANITY_MILD, Severity.LOW, hit, f"strong word ({excuse})")


def _counter_speech(layout: MessageLayout, hit: Hit) -> bool:
    """Speech about a word rather than with it: quoted with commentary, a negation before it in the
    sentence, or a second report or judgement apart from the one introducing it ("it's not okay to ...
    calling people ...", "... is a slur")."""
    if layout.is_quoted(hit) or layout.in_sentence(hit, "negation", only_before=True):
        return True
    report = layout.near(hit, "reporting", STRONG_REPORT_REACH, 0)
    low, high = layout.sentence_bounds(hit.start)
    for other in layout.between("reporting", low, high):
        if report is None or other.end <= report.start or other.start >= hit.end:
            return True
    return False


def _hatred_negated(layout: MessageLayout, hit: Hit) -> bool:
    """ "non odio i gay", "no los odio", "je ne déteste pas...", "ich hasse nicht...": a negation right
    before the verb (or with an object pronoun between), or a French, German or Dutch one right after it.
    Phrases that need a negation to mean hatred ("nunca movería un dedo", "pas supporter") are not verbs
    that a negation can undo, so only a verb with at most short function words after it counts."""
    words = hit.term.split()
    if words[0] in _NEEDS_NEGATION or any(len(word) > 3 for word in words[1:]):
        return False
    negation = layout.near(hit, "negation", HATE_NEGATION_REACH, 1, same_clause=True)
    if negation is None:
        return False
    if negation.start < hit.start and layout.in_sentence(negation, "negation", only_before=True):
        # "non posso credere che pensino che non li ammazzerò": a denial of the denial.
        return False
    gap = (layout.word_index(hit.start) - layout.word_index(max(negation.start, negation.end - 1))
           if negation.start < hit.start else 0)
    if negation.start > hit.start:
        return negation.term in _NEGATION_AFTER_VERB
    if gap <= 1:
        return True
    between = layout.word_index(hit.start) - 1
    return any(layout.word_index(other.start) == between
               for key in ("first_person", "second_person", "third_person") for other in layout.by_key.get(key, ()))


def _clitic_you_before(layout: MessageLayout, hit: Hit) -> bool:
    """ "ti odio", "te odio", "je te déteste": Romance object pronouns stand right before the verb."""
    you = layout.near(hit, "second_person", 1, 0)
    return you is not None and you.term in _CLITIC_YOU


def _predicate(layout: MessageLayout, hit: Hit, *, strong: bool) -> RawFinding | None:
    """A negative or dehumanising predicate: toxic said of a group, insulting said to a person."""
    if layout.near(hit, "negation", NEGATION_REACH, 0, same_clause=True):
        return None
    if _reported(layout, hit):
        return None
    group = group_target(layout, hit)
    if group:
        start = min(group.start, hit.start)
        end = max(group.end, hit.end)
        return RawFinding(Category.TOXICITY, Severity.HIGH, start, end, f"{hit.key}:{hit.term}",
                          "dehumanising statement about a group" if strong else "hostile statement about a group")
    if not strong and layout.anywhere("banter"):
        # "you suck at typing lol": teasing with a clear marker, as for plain insults.
        return None
    if _said_to_you(layout, hit, copula_only=strong and " " not in hit.term):
        severity = Severity.HIGH if strong else Severity.MEDIUM
        return _finding(Category.INSULT, severity, hit, "insult")
    if (_said_of_someone(layout, hit) or _named_people(layout, hit)
            or (not strong and _third_person_predicate(layout, hit))
            or (not strong and subjectless_they(layout, hit))):
        return _finding(Category.INSULT, Severity.MEDIUM, hit, "insult of a third person")
    if strong and _names_them(hit.term):
        return _finding(Category.TOXICITY, Severity.HIGH, hit, "dehumanising statement about them")
    if strong and _threat_to_person(layout, hit):
        return _finding(Category.TOXICITY, Severity.HIGH, hit, "threat to a person")
    return None




def _threat_to_person(layout: MessageLayout, hit: Hit) -> bool:
    """Violence wished on one person: "I want to kill him", "someone should snap his neck", "she should be
    shot". A violent verb needs a person right after it and the speaker (or "someone") wanting it just
    before ("this will kill you" is a figure of speech, "kill them" may be processes); a "should be ..."
    phrase needs a person as its subject."""
    words = [(match.start(), match.group(0)) for match in PREDICATE_WORD.finditer(
        layout.plain, max(0, hit.start - PREDICATE_WINDOW_CHARACTERS), min(len(layout.plain), hit.end + 20))]
    before = [word for start, word in words if start < hit.start]
    after = [word for start, word in words if start >= hit.end]
    first = hit.term.split()[0]
    if first in _WISH_MODALS:
        return bool(before) and before[-1] in _PERSON_SUBJECTS
    if hit.term in _BODY_VERBS and len(after) >= 2 and after[0] in _POSSESSIVE_OBJECTS and after[1] in _BODY_PARTS:
        return True  # "cut his throat", "snap her neck"
    if hit.term not in _VIOLENT_VERBS or not after or after[0] not in _PERSON_OBJECTS:
        return False
    recent = before[-4:]
    return any(word in _WILLING_SPEAKERS or word.startswith(("i'", "we'")) for word in recent)


# English words for the violence-against-a-person rule; the verbs themselves come from [dehumanising].
# ("cut him some slack", "break you in" are no violence: those verbs only count with a body part.)
_VIOLENT_VERBS = frozenset({"kill", "murder", "rape", "stab", "strangle", "shoot", "hang", "drown", "slaughter",
                            "butcher", "torture", "lynch", "behead", "execute"})
_BODY_VERBS = frozenset({"cut", "snap", "slit", "break", "stab"})
_BODY_PARTS = frozenset({"throat", "throats", "neck", "necks", "head", "heads", "face", "skull"})
_POSSESSIVE_OBJECTS = frozenset({"his", "her", "your", "ur", "their", "yo"})
_PERSON_OBJECTS = frozenset({"him", "her", "you", "u", "ya", "yall", "y'all", "ye"})
_PERSON_SUBJECTS = frozenset({"he", "she", "you", "u", "they", "yall", "y'all"})
_WILLING_SPEAKERS = frozenset({"i", "im", "we", "someone", "somebody", "gonna", "wanna"})
_WISH_MODALS = frozenset({"should", "would", "ought", "deserves", "deserve", "needs", "must"})


def _names_them(term: str) -> bool:
    """ "buttiamoli fuori", "mandateli a casa": an expulsion or extermination phrase with its own "them"."""
    return any(len(word) > 6 and word.endswith(_THEM_ENDINGS) for word in term.split())


def _named_people(layout: MessageLayout, hit: Hit) -> bool:
    """ "quelle due sono ignobili", "esa gente es ridícula": a demonstrative phrase that points at people
    (a third-person entry of several words) in the same sentence."""
    low, high = layout.sentence_bounds(hit.start)
    return any(" " in other.term for other in layout.between("third_person", low, high))


def _said_of_someone(layout: MessageLayout, hit: Hit) -> bool:
    """ "he's useless", "she's trash": a contracted third-person copula right before the predicate."""
    low = layout.word_starts[max(0, layout.word_index(hit.start) - 2)] if layout.word_starts else 0
    for other in layout.between("third_person", low, hit.start):
        if "'" not in other.term or other.end > hit.start:
            continue
        if layout.word_index(hit.start) - layout.word_index(other.end - 1) <= 1:
            return True
    return False


def _third_person_predicate(layout: MessageLayout, hit: Hit) -> bool:
    """ "he is so stupid", "your brother looks ugly", "the voters are extremely dumb": a third person (a
    pronoun other than "they", or a noun for people from the third-person list) as the subject of the predicate, through a
    copula and intensifiers. Without a copula ("he so dumb") an intensifier must show it is a description."""
    low, _ = layout.sentence_bounds(hit.start)
    low = max(low, hit.start - PREDICATE_WINDOW_CHARACTERS)
    words = [(match.start(), match.group(0)) for match in PREDICATE_WORD.finditer(layout.plain, low, hit.start)]
    index = len(words) - 1
    intensified = False
    while index >= 0 and (words[index][1] in _INTENSIFIERS or words[index][1] in _AND
                          or words[index][1] in INTENSIFIERS_ANY_LANGUAGE):
        if words[index][1] in _AND:
            index -= 1  # "so lazy and useless": the first adjective need not be listed
        index -= 1
        intensified = True
    linked = index >= 0 and (words[index][1] in _COPULAS or words[index][1] in OTHER_COPULAS)
    romance = linked and words[index][1] not in _COPULAS
    if hit.term in _DESCRIPTIVE_WORDS or (linked and words[index][1] in _SENSE_VERBS and hit.term in _STATE_WORDS):
        return False  # "she looks awful today" may be the flu; "the players are weak" is a description
    if linked:
        index -= 1
    if index < 0 or not (linked or intensified):
        return False
    start = words[index][0]
    if romance:
        # "lui è pessimo", "il est débile": the pronoun opens its clause ("cocktails like these are ..." has
        # a noun for a subject, with the demonstrative only pointing at it).
        clause_low, _ = layout.clause_bounds(hit.start)
        if any(start > word_start >= clause_low and word not in CLAUSE_OPENERS for word_start, word in words):
            return False
        following = PREDICATE_WORD.findall(layout.plain, hit.end, min(len(layout.plain), hit.end + 12))
        if following and following[0] in _KEEN_ON:
            return False  # "er ist verrückt nach Fußball", "è pazzo per il calcio": keen on something
    return any(other.start == start and " " not in other.term and other.term not in _THING_PRONOUNS
               for other in layout.between("third_person", start, start + 1))


# "they" is as often things as people ("they are the worst" of sharks, of build tools).
_THING_PRONOUNS = frozenset({"they", "them", "their", "theyre", "they're"})
# English words between a subject and what is said of it ("is so", "looks really", "are extremely").
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "r", "iz", "look", "looks", "looked",
                      "looking", "seem", "seems", "seemed", "act", "acts", "acting", "sound", "sounds", "became",
                      "become", "becomes", "getting", "gets"})
_AND = frozenset({"and", "n", "&"})
# Prepositions after "crazy" and the like that make it keenness ("verrückt nach", "fou de", "gek op").
_KEEN_ON = frozenset({"nach", "auf", "per", "di", "de", "du", "op", "por", "about", "for", "van"})
_SENSE_VERBS = frozenset({"look", "looks", "looked", "looking", "seem", "seems", "seemed", "sound", "sounds"})
_STATE_WORDS = frozenset({"awful", "terrible", "horrible", "gross"})
_DESCRIPTIVE_WORDS = frozenset({"weak", "sick", "dirty", "dangerous", "violent", "toxic", "smelly"})
_INTENSIFIERS = frozenset({"so", "soo", "really", "rly", "very", "extremely", "too", "super", "fucking", "fuckin",
                           "freaking", "damn", "such", "hella", "kinda", "sorta", "pretty", "just", "completely",
                           "totally", "absolutely", "literally", "truly", "incredibly", "seriously", "utterly",
                           "quite", "bloody", "always", "still", "a", "an", "absolute", "complete", "total", "utter",
                           "genuinely", "honestly", "straight", "mad"})


def _said_to_you(layout: MessageLayout, hit: Hit, *, copula_only: bool = False) -> bool:
    """ "you are useless", "you're vermin", "you useless ...": a predicate about the addressee, not
    "you'll need to kill that process" (a you several words before a verb). Single dehumanising words
    may be verbs ("you shot it"), so they need a "you are"/"you're" form."""
    position = layout.word_index(hit.start)
    low = layout.word_starts[max(0, position - 6)] if layout.word_starts else 0
    for you in layout.between("second_person", low, hit.start):
        if you.end > hit.start or layout.sentence(you.start) != layout.sentence(hit.start):
            continue
        copula = " " in you.term or "'" in you.term or you.term in _COPULA_FORMS
        if copula_only and not copula:
            continue
        gap = position - layout.word_index(max(you.start, you.end - 1))
        if gap <= 1 or (gap <= 2 and copula):
            return True
    return False


# Second-person words that already say "you are" in one word ("sei uno stupido", "eres una inútil").
_COPULA_FORMS = frozenset({"ur", "youre", "biste", "bist", "sei", "siete", "eres", "sois", "sos", "es", "t'es",
                           "seid"})
# "Stand" verbs mean hatred only when negated ("je ne peux pas supporter les ...").
_NEEDS_NEGATION = frozenset({"supporter", "supporte", "soportar", "soporto", "sopportare", "sopporto",
                             "ausstehen", "ertragen", "uitstaan", "luchten", "stand", "bear"})
# Negations that follow the verb they negate.
_NEGATION_AFTER_VERB = frozenset({"pas", "nicht", "niet", "net"})
# An order to do it to "them": an Italian or Spanish imperative with the object fused to it ("buttiamoli",
# "mandateli", "echémoslos"); an infinitive ("rimandarli a casa se...") may be anyone's plan, so it does not count.
_THEM_ENDINGS = ("iamoli", "ateli", "eteli", "iteli", "iamoceli", "émoslos", "emoslos", "adlos",
                 "iamole", "atele", "etele", "itele", "iamocele", "émoslas", "emoslas", "adlas")
# A Romance verb with its object fused to it ("eliminarli", "rimandatele", "matarlos"): a "you" after it is who
# does it ("puoi eliminarli tu?"), not whom it is about.
_FUSED_OBJECT = re.compile(r"(?:[aei]r|[aei]te|iamo|ad|a)(?:l[aeio]|l[ao]s)$")
# Object pronouns inside a listed phrase ("le detesto", "non li sopporto", "los odio") name its target.
_OBJECT_PRONOUNS = frozenset({"le", "li", "la", "lo", "gli", "ti", "vi", "los", "las", "les", "te", "os", "them"})
# Object pronouns that come before the verb in Italian, Spanish and French.
_CLITIC_YOU = frozenset({"ti", "te", "vi", "os", "vous", "t"})


def _finding(category: Category, severity: Severity, hit: Hit, reason: str, end: int | None = None) -> RawFinding:
    return RawFinding(category, severity, hit.start, end if end is not None else hit.end,
                      f"{hit.key}:{hit.term}", reason)
