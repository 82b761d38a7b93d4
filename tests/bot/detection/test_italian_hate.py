"""Italian hate against migrants, Roma and Muslims through the real Detector, and the neutral talk that must stay quiet."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.vocabulary import Category

NUDGES = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD, Category.HEATED,
          Category.PASSIVE_AGGRESSIVE, Category.ABOUT_PRESENT_PERSON}



def _categories(detector: Detector, text: str, language: str | None) -> set[Category]:
    return set(detector.analyse(text, language=language).categories)


# Sentences written by us for these tests, in the registers people use for such hate on social media.
HATEFUL = [
    # Expulsion orders and "go back home"
    "Questi clandestini se ne tornassero a casa loro, subito.",
    "Profughi? Rispediteli in Africa con il primo barcone.",
    "Bisogna cacciarli via a calci, tutti questi extracomunitari.",
    "I negri devono tornare al loro paese.",
    "Gli islamici vanno presi a calci e rispediti a casa loro.",
    "Chiudiamo le moschee e cacciamo gli imam.",
    # Calls for violence
    "Lasciateli affogare in mare, quei migranti.",
    "Facciamoli fuori tutti, questi clandestini.",
    "Ci vorrebbe la disinfestazione nei campi nomadi.",
    "Il mondo starebbe meglio senza musulmani.",
    # Dehumanising nouns and slurs
    "Gli zingari sono ratti di fogna.",
    "I musulmani sono una razza inferiore.",
    "Quegli africani tornassero sugli alberi.",
    "Sporchi zingari, andatevene!",
    "Questi immigrati sono parassiti e portano malattie.",
    # Invasion, freeloading and sarcasm tropes
    "Questi clandestini vivono a scrocco sulle nostre spalle.",
    "Altro che profughi, sono invasori da rimandare a casa.",
    "Gli africani figliano come conigli e noi paghiamo.",
    "Ecco i nuovi italiani: bivaccano in stazione tutto il giorno.",
    "Questi profughi ci portano la scabbia e la tubercolosi.",
    "I rom ce l'hanno nel DNA, non cambieranno mai.",
    "Non esistono musulmani moderati, sono tutti uguali.",
    "Fuori i clandestini dal nostro quartiere!",
    "Stop invasione! Prima gli italiani!",
    "Aiutiamoli a casa loro.",
    "Le moschee vanno rase al suolo.",
    "Spero che affondino tutti, quei clandestini.",
    "Gli zingari andrebbero sterilizzati.",
    "L'Italia è diventata la discarica d'Africa.",
    "Se affondasse un barcone di clandestini non piangerei di certo.",
    "Un musulmano buono è un musulmano morto.",
    "Meglio un cane che un rom.",
    "Clandestini a casa, subito!",
    "Io i rom li prenderei a fucilate.",
    "Sparate sui barconi.",
    # Feminine and plural insults
    "Zotiche e pure cafone, tutte e due!",
    "Siete due baldracche.",
]

NEUTRAL = [
    # Counter-speech and negated hate
    "I migranti non sono criminali.",
    "Non è vero che gli immigrati rubano il lavoro agli italiani.",
    "È falso che i profughi portano malattie.",
    "Basta con i luoghi comuni sui rom: non sono tutti ladri.",
    "Dire che i musulmani sono terroristi è un pregiudizio.",
    "Smettetela di dire che gli stranieri sono pericolosi.",
    "Il razzismo contro i rom è una piaga della nostra società.",
    "Chi scrive che i migranti vanno affogati dovrebbe vergognarsi.",
    "Non odio nessuno, i rom sono persone come noi.",
    # News and ordinary mentions
    "Ieri il consiglio comunale ha discusso dell'accoglienza dei richiedenti asilo.",
    "Sono arrivati 300 migranti al porto, tutti in buona salute.",
    "La comunità musulmana ha organizzato una festa per la fine del Ramadan.",
    "Mia nonna era un'immigrata in Argentina.",
    "Gli immigrati contribuiscono alle nostre pensioni.",
    "I rifugiati siriani scappano dalla guerra, aiutiamoli.",
    "Ho letto un libro sulla storia dei sinti in Italia.",
    "La moschea del quartiere apre le porte a tutti per la giornata del dialogo.",
    "Ricordiamo lo sterminio dei rom durante la seconda guerra mondiale.",
    "Molti pensano che ci sia un'invasione, ma i dati dicono il contrario.",
    "Due persone sono state arrestate per furto, il giornale non dice altro.",
    "Sto leggendo un saggio sulla storia dell'islam nel medioevo.",
    "Molti immigrati sono malati e non hanno accesso alle cure.",
    "Gli immigrati sono una risorsa per l'economia del paese.",
    "Il ministro parla di rimpatrio volontario per i richiedenti asilo.",
    "I migranti arrivano a migliaia ogni estate, dice il rapporto.",
    "Nel tuo paese ci sono tanti stranieri? Qui sì.",
    "Ospitiamo una famiglia di rifugiati a casa nostra da un anno.",
    "L'occupazione degli stranieri in Italia è cresciuta del due per cento.",
    "Sbarchi in calo quest'anno: arrivati 200 migranti sull'isola.",
    "Hitler perseguitò ebrei, rom e sinti.",
    "Un migrante è stato salvato dai pompieri, ora è fuori pericolo.",
    "Bisogna eliminare le barriere architettoniche per i disabili.",
    "Vergogna per chi attacca i rom.",
    "Che vergogna, un ragazzo africano picchiato alla stazione.",
    "Conquistare la fiducia dei rifugiati richiede tempo.",
    # Languages are not people; self-deprecation is not hate
    "Studio lingue straniere all'università e sono un po' stupido con i verbi.",
    # Ordinary chat that uses the same words
    "Stasera torno a casa presto, ci vediamo domani.",
    "I nuovi arrivati in ufficio sono simpatici, ma il caffè fa schifo.",
    "Il mio gatto dorme sempre sugli alberi del giardino.",
    "Ho visto un documentario sugli oranghi del Borneo.",
    "Auguri a tutte le nostre donne per l'8 marzo!",
    "Il ristorante cinese sotto casa ha i forni a legna.",
    "Penso che il rilascio vada bene così, lui pensa di no.",
    "Dovrebbe bastare per oggi, il mio babbo mi aspetta.",
    "Basta cambiare canale, il telecomando serve a questo.",
    "La Befana porta le calze ai bambini.",
    "Le chiavi sono sparite di nuovo.",
    "Zitto zitto, il gatto si è mangiato il prosciutto.",
    # Group words such as "donne" and "disabili" sit next to everyday phrases
    "Ci sono ancora barriere da abbattere per i disabili.",
    "Un musulmano buono e generoso mi ha aiutato col trasloco.",
    "Le discriminazioni contro le donne andrebbero eliminate.",
    "Non vi vogliamo disturbare, ragazze, a domani.",
    "Bruciamo calorie in palestra con le ragazze.",
    "Dopo la festa ci vuole una bella pulizia della casa, ragazze!",
    "Via la giacca, ragazze, qui fa caldo.",
    "Basta ragazze, andiamo a casa che è tardi.",
    "Le ragazze sono fuori a cena stasera.",
    "Per colpa del traffico le ragazze sono arrivate tardi.",
    "Le ragazze hanno speso i nostri soldi per la festa, e va bene così.",
]


@pytest.mark.parametrize("text", HATEFUL)
def test_hate_against_migrants_roma_and_muslims_nudges(detector: Detector, text: str) -> None:
    found = _categories(detector, text, "it")
    assert found & {Category.TOXICITY, Category.INSULT}, f"{text!r} found {found}"


@pytest.mark.parametrize("text", HATEFUL[:10])
def test_hate_is_found_with_language_identification(detector: Detector, text: str) -> None:
    found = _categories(detector, text, None)
    assert found & {Category.TOXICITY, Category.INSULT}, f"{text!r} found {found}"


@pytest.mark.parametrize("language", ["it", None])
@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_mentions_and_counter_speech_stay_quiet(detector: Detector, text: str, language: str | None) -> None:
    found = _categories(detector, text, language)
    assert not found & NUDGES, f"{text!r} ({language}) found {found}"


def test_group_hate_is_toxicity_not_a_personal_insult(detector: Detector) -> None:
    analysis = detector.analyse("Gli zingari sono ratti di fogna.", language="it")
    assert Category.TOXICITY in set(analysis.categories)


def test_negating_the_predicate_removes_the_nudge(detector: Detector) -> None:
    hateful = _categories(detector, "Gli immigrati sono pericolosi.", "it")
    negated = _categories(detector, "Gli immigrati non sono pericolosi.", "it")
    assert Category.TOXICITY in hateful
    assert not negated & NUDGES


# Stereotypes as a copula with a crime, vermin or filth noun, in both genders and with any determiner.
STEREOTYPES = [
    "Le rom sono tutte ladre.",
    "Questi africani sono solo dei truffatori.",
    "Le nigeriane sono delle approfittatrici.",
    "Gli zingari? Tutti pidocchi.",
    "I musulmani sono degli stupratori.",
    "Queste straniere sono solo scroccone.",
    # A group said to lie as a whole, to be good for nothing else, Europe said to become Muslim
    "Tutti gli islamici mentono, ve lo dico io.",
    "Gli zingari sanno solo chiedere l'elemosina.",
    "Tra vent'anni l'Europa sarà islamica, altro che integrazione.",
    "Via il campo rom dal nostro quartiere!",
]

STEREOTYPES_DENIED = [
    "Non è vero che le rom sono tutte ladre.",
    "Dici che gli africani sono tutti truffatori? È un pregiudizio.",
    "Chi diceva che i migranti sono solo dei parassiti ha dovuto ricredersi.",
    "Arrestati due ladri di rame: sono italiani.",
    "Via il cappotto, qui fa caldo.",
    "Molti migranti rinchiusi nei centri di detenzione: le foto del reportage.",
]


@pytest.mark.parametrize("text", STEREOTYPES)
def test_stereotypes_in_any_gender_and_form_are_toxicity(detector: Detector, text: str) -> None:
    assert Category.TOXICITY in _categories(detector, text, "it"), text


@pytest.mark.parametrize("text", STEREOTYPES_DENIED)
def test_denied_reported_or_news_stereotype_words_stay_quiet(detector: Detector, text: str) -> None:
    assert not _categories(detector, text, "it") & NUDGES, text


# Not standing people, with "them" as a clitic, and punishments wished on them: said of people, they insult.
@pytest.mark.parametrize("text", ["Non ce la faccio a sopportarli, quei due.", "Non li tollero più.",
                                  "Quelle due? Le manderei a zappare.", "Li prenderei a schiaffi tutti e due."])
def test_not_standing_people_is_an_insult(detector: Detector, text: str) -> None:
    assert _categories(detector, text, "it") & {Category.INSULT, Category.TOXICITY}, text


def test_a_word_of_violence_inside_a_call_to_violence_does_not_excuse_it(detector: Detector) -> None:
    # "picchiati" alone reports a group as victims; inside "vanno picchiati" it is the call itself.
    assert Category.TOXICITY in _categories(detector, "Gli immigrati vanno picchiati.", "it")
    assert not _categories(detector, "Due immigrati picchiati alla stazione, che vergogna.", "it") & NUDGES
