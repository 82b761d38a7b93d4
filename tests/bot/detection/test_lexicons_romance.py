"""Italian, Spanish, French and West Frisian lexicons through the real Detector: what nudges and what must not."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.detection import Detector
from bot.vocabulary import Category

DATA = Path(__file__).resolve().parents[3] / "data"
LEXICONS = DATA / "lexicons"
ROMANCE = ("it", "es", "fr", "fy")
# Everything the toxicity side can say about a message; secrets and personal data are not in these texts.
FUNCTION_WORD_KEYS = ("second_person", "first_person", "third_person", "negation")
NUDGES = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD, Category.HEATED,
          Category.PASSIVE_AGGRESSIVE}



def _categories(detector: Detector, text: str, language: str | None) -> set[Category]:
    return set(detector.analyse(text, language=language).categories)


# (language, text, the category that must be found)
FLAGGED = [
    # Italian
    ("it", "Sei proprio un idiota", Category.INSULT),
    ("it", "Ti ammazzo se lo rifai", Category.TOXICITY),
    ("it", "Sono solo un branco di froci", Category.TOXICITY),
    ("it", "Gli immigrati sono parassiti", Category.TOXICITY),
    ("it", "Odio tutti i musulmani", Category.TOXICITY),
    ("it", "Ti odio", Category.INSULT),
    ("it", "E se uccidessimo tutti gli immigrati?", Category.TOXICITY),
    ("it", "Questa stampante del cazzo non stampa", Category.PROFANITY_MILD),
    ("it", "Sei stupido", Category.INSULT),
    ("it", "Come ho già detto, il rilascio è venerdì", Category.PASSIVE_AGGRESSIVE),
    ("it", "MA CHE STAI FACENDO? È INACCETTABILE!!!", Category.HEATED),
    ("it", "Sei un i-d-i-o-t-a", Category.INSULT),
    # Spanish
    ("es", "Eres un imbécil", Category.INSULT),
    ("es", "Te voy a matar", Category.TOXICITY),
    ("es", "Son un montón de maricones", Category.TOXICITY),
    ("es", "Los inmigrantes son una plaga", Category.TOXICITY),
    ("es", "Hay que exterminar a los gitanos", Category.TOXICITY),
    ("es", "Esta mierda de impresora no imprime", Category.PROFANITY_MILD),
    ("es", "Cállate la boca", Category.INSULT),
    ("es", "Te odio, de verdad", Category.INSULT),
    ("es", "Como ya te dije, la reunión es el lunes", Category.PASSIVE_AGGRESSIVE),
    ("es", "Eres un 1mb3c1l", Category.INSULT),
    # French
    ("fr", "T'es vraiment un connard", Category.INSULT),
    ("fr", "Je vais te buter", Category.TOXICITY),
    ("fr", "Encore un sale bougnoule", Category.TOXICITY),
    ("fr", "Les migrants sont de la vermine", Category.TOXICITY),
    ("fr", "Il faudrait massacrer tous les juifs", Category.TOXICITY),
    ("fr", "Cette putain d'imprimante refuse d'imprimer", Category.PROFANITY_MILD),
    ("fr", "Espèce de con", Category.INSULT),
    ("fr", "Comme je l'ai déjà dit, la réunion est à 10h", Category.PASSIVE_AGGRESSIVE),
    ("fr", "C'EST INADMISSIBLE, RÉPONDS MAINTENANT !!!", Category.HEATED),
    # West Frisian
    ("fy", "Do bist in idioat", Category.INSULT),
    ("fy", "Jo binne in stommerik", Category.INSULT),
    ("fy", "Ik meitsje dy dea", Category.TOXICITY),
    ("fy", "Hâld dyn bek, do bist net goed wiis", Category.INSULT),
]

# (language, text): nothing on the toxicity side may fire
NOT_FLAGGED = [
    # self-deprecation, negation, reporting, banter
    ("it", "Scusate, sono stato un idiota, ora è sistemato"),
    ("it", "Sono proprio un idiota, ho cancellato il file sbagliato"),
    ("it", "Non sei un idiota, hai solo sbagliato file"),
    ("it", "Mi ha chiamato idiota davanti a tutti"),
    ("it", "Sei un grande, scemo 😂"),
    ("es", "Fui un idiota, perdón, ya lo arreglé"),
    ("es", "No eres ningún idiota"),
    ("es", "Me llamó idiota delante de todos"),
    ("es", "jajaja qué idiota eres 😂"),
    ("fr", "Désolé, je suis un idiot, c'est corrigé"),
    ("fr", "Tu n'es pas un idiot"),
    ("fr", "Il m'a traité d'idiot devant tout le monde"),
    ("fr", "mdr t'es un idiot 😂"),
    ("fy", "Ik wie in idioat, sorry"),
    ("fy", "Do bist gjin idioat"),
    ("fy", "Hoe giet it mei dy?"),
    # counter-speech about a group
    ("it", "Chiamare le donne feccia è vergognoso"),
    ("es", "No respeto a la gente que escribe comentarios como \"los gays son escoria\""),
    # Scunthorpe: ordinary words that contain or resemble a bad word
    ("it", "Ho preso un cazzotto giocando a calcio"),
    ("it", "Passami la cazzuola, devo finire il muro"),
    ("it", "Il portatile ha un cavallo di Troia"),
    ("it", "Che bella storia, sono cresciuto in una fattoria"),
    ("it", "Lo stronzio è un metallo alcalino-terroso"),
    ("es", "Voy a coger el autobús a las ocho"),
    ("es", "La computadora del diputado tiene mala reputación"),
    ("es", "Me gusta el café negro y la camisa negra"),
    ("es", "Esa marca de ropa es de María"),
    ("fr", "J'ai gagné le concours, je suis content"),
    ("fr", "Un chili con carne, s'il te plaît"),
    ("fr", "Je m'attarde sur l'ordre du jour, cherche sur Google"),
    ("fr", "J'ai grandi à la ferme de mes parents"),
    ("fr", "As-tu des animaux ? J'ai deux chiens"),
    # technical vocabulary
    ("it", "Bisogna uccidere il processo figlio con kill -9"),
    ("es", "Tienes que matar el proceso y ejecutar el script otra vez"),
    ("fr", "Il faut tuer le processus et exécuter le script sur la branche master"),
    # ordinary mentions of groups
    ("it", "Il mio collega è un immigrato e un ottimo ingegnere"),
    ("es", "Las mujeres de mi equipo han terminado el proyecto"),
    ("fr", "Les réfugiés sont arrivés hier à la gare"),
    ("it", "Una donna ha trovato dei ratti in cantina"),
    ("es", "Las mujeres del edificio sacan la basura los lunes"),
    ("fr", "Les femmes du quartier trient les déchets"),
    # victims of violence next to a group are not hate against it
    ("it", "Gli stupratori di donne devono essere puniti severamente"),
    ("it", "Il terrorismo uccide anche tanti musulmani"),
    ("es", "Los violadores de mujeres deben ir a la cárcel"),
    ("fr", "Deux migrants ont été tués à la frontière, c'est horrible"),
    ("fr", "Je suis crevé ce soir"),
    ("fr", "Mon vol est retardé, j'ai reçu une mise en demeure"),
    ("it", "Arrestati due jihadisti a Milano"),
    ("es", "Hay que acabar con la violencia contra las mujeres"),
    ("es", "Esa empresa viola los derechos de los inmigrantes"),
    ("es", "Las mujeres vuelvan a casa temprano"),
]


@pytest.mark.parametrize(("language", "text", "category"), FLAGGED, ids=[f"{c[0]}:{c[1]}" for c in FLAGGED])
def test_abuse_is_found(detector: Detector, language: str, text: str, category: Category) -> None:
    assert category in _categories(detector, text, language)


@pytest.mark.parametrize(("language", "text"), NOT_FLAGGED, ids=[f"{c[0]}:{c[1]}" for c in NOT_FLAGGED])
def test_innocent_messages_do_not_nudge(detector: Detector, language: str, text: str) -> None:
    assert not _categories(detector, text, language) & NUDGES


def test_spanish_puta_is_swearing_unless_aimed_at_someone(detector: Detector) -> None:
    assert _categories(detector, "La puta madre, qué partidazo", "es") & NUDGES == {Category.PROFANITY_MILD}
    assert Category.INSULT in _categories(detector, "Eres una puta", "es")


def test_italian_exclamations_are_swearing_not_insults(detector: Detector) -> None:
    for text in ("Porca puttana, ho perso il treno", "Porca troia che freddo"):
        assert _categories(detector, text, "it") & NUDGES == {Category.PROFANITY_MILD}, text
    assert Category.INSULT in _categories(detector, "Sei una troia", "it")


def test_cazzo_is_a_whole_word_only(detector: Detector) -> None:
    assert Category.PROFANITY_MILD in _categories(detector, "Che cazzo di giornata", "it")
    assert not _categories(detector, "Che cazzotto ha preso", "it") & NUDGES


def test_french_con_is_never_an_insult_inside_a_word_or_in_italian(detector: Detector) -> None:
    assert Category.INSULT in _categories(detector, "T'es con ou quoi", "fr")
    for text in ("Il est content du concours", "Sempre con te", "Vado con lui domani"):
        assert not detector.analyse(text).categories, text


@pytest.mark.parametrize(("text", "language"), [
    ("Sono stanco, domani ti chiamo e parliamo del progetto.", "it"),
    ("Mañana te llamo y hablamos del proyecto, estoy muy cansado.", "es"),
    ("Je suis fatigué, je t'appelle demain pour parler du projet.", "fr"),
    ("Ik wit net wêr't myn kaai is, hast do him sjoen?", "fy"),
    ("Hy hie gjin tiid om hjir te kommen.", "fy"),
    ("Wy moatte moarn wer nei it wurk ta.", "fy"),
    ("Ik weet niet waar mijn sleutel is, heb jij hem gezien?", "nl"),
    ("Hij had geen tijd om hier te komen.", "nl"),
])
def test_language_is_identified_with_the_marker_words(detector: Detector, text: str, language: str) -> None:
    assert detector.analyse(text).language == language


def test_frisian_insult_is_found_without_a_language_hint(detector: Detector) -> None:
    analysis = detector.analyse("Do bist in idioat en dat wit elkenien.")
    assert analysis.language == "fy"
    assert Category.INSULT in analysis.categories


def _keys(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return set(tomllib.load(handle))


@pytest.mark.parametrize("language", ROMANCE)
def test_every_lexicon_key_of_english_is_present(language: str) -> None:
    reference = _keys(LEXICONS / "en.toml")
    assert reference - _keys(LEXICONS / f"{language}.toml") == set()


@pytest.mark.parametrize("language", ROMANCE)
def test_marker_words_are_not_function_words_of_another_language(language: str) -> None:
    """A marker that another language uses as a pronoun or negation without listing it as its own marker
    would pull that language's messages towards this one; a marker both list adds to both."""
    def lists(path: Path) -> dict[str, set[str]]:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return {key: set(value["terms"]) for key, value in data.items() if isinstance(value, dict)}

    markers = lists(LEXICONS / f"{language}.toml")["marker"]
    assert markers
    for path in sorted(LEXICONS.glob("*.toml")):
        if path.stem == language:
            continue
        other = lists(path)
        function_words = set().union(*(other[key] for key in FUNCTION_WORD_KEYS)) - other["marker"]
        shared = markers & function_words
        assert shared == set(), f"{language} markers are {path.stem} function words: {sorted(shared)}"
