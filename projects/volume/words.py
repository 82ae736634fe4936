"""Norwegian word lists and the texts built from them: titles, summaries and the other fields of
an application, varied enough that searching the catalogue finds some projects and not others.
Every choice is made by the random generator passed in, so a seed gives the same texts."""

from random import Random

ACTIONS = [
    "Kartlegging av",
    "Utvikling av",
    "Felles satsing på",
    "Pilotprosjekt for",
    "Styrking av",
    "Etablering av",
    "Strategi for",
    "Nettverk for",
    "Kompetanseløft i",
    "Samordning av",
    "Digitalisering av",
    "Omstilling i",
    "Markedsføring av",
    "Rekruttering til",
    "Innovasjon i",
    "Forprosjekt for",
]

SUBJECTS = [
    "grønn industri",
    "reiselivet",
    "sykkelturisme",
    "lokalmat og drikke",
    "boligutvikling",
    "ladeinfrastruktur",
    "kollektivtransporten",
    "helse- og omsorgssektoren",
    "landbruket",
    "kulturnæringene",
    "frivilligheten",
    "ungt entreprenørskap",
    "bioøkonomi",
    "fornybar energi",
    "sirkulærøkonomi",
    "digital kompetanse",
    "inkludering av arbeidsinnvandrere",
    "tilflytting",
    "sentrumsutvikling",
    "friluftslivet",
    "idrettsarrangementer",
    "næringsarealer",
    "fagskoleutdanning",
    "lærlingplasser",
    "skogbruket",
    "trebasert byggeri",
    "vannkvaliteten i Mjøsa",
    "godstransport og logistikk",
    "stedsutvikling",
    "besøksnæringen",
    "havbruk på land",
    "kunstig intelligens i kommunene",
]

PLACES = [
    "i Hamarregionen",
    "langs Mjøsa",
    "på Hedmarken",
    "i Hamar",
    "i Løten",
    "i Ringsaker",
    "i Stange",
    "i Innlandet",
    "langs E6",
    "i distriktene",
    "på Brumunddal",
    "på Moelv",
    "på Tangen",
    "",
]

TITLE_SUFFIXES = ["", "", "", "", " – fase 2", " – videreføring", " 2.0"]

VERBS = ["styrke", "utvikle", "kartlegge", "synliggjøre", "samordne", "videreutvikle", "fornye"]

METHODS = [
    "et tett samarbeid mellom kommunene",
    "verksteder med næringslivet",
    "en felles digital plattform",
    "kartlegging og intervjuer",
    "utprøving i to kommuner",
    "et regionalt nettverk",
    "samarbeid med Høgskolen i Innlandet",
    "felles innkjøp og avtaler",
    "kampanjer i sosiale medier",
    "en egen prosjektleder i regionrådet",
]

TARGET_GROUPS = [
    "unge voksne",
    "små og mellomstore bedrifter",
    "nyutdannede",
    "eldre innbyggere",
    "gründere",
    "bønder og skogeiere",
    "tilflyttere",
    "besøkende og turister",
    "lag og foreninger",
    "ansatte i kommunene",
    "elever i videregående skole",
]

CLOSINGS = [
    "Resultatene deles med de andre kommunene i regionen.",
    "Erfaringene skal gi grunnlag for en større søknad til fylkeskommunen.",
    "Prosjektet bygger videre på erfaringer fra et tidligere forprosjekt.",
    "Tiltaket skal gi flere arbeidsplasser og økt bolyst.",
    "Prosjektet følger opp regionrådets handlingsprogram.",
    "Arbeidet gjøres sammen med næringsforeningene i regionen.",
    "Prosjektet skal gjøre regionen mer synlig nasjonalt.",
]

COST_ITEMS = [
    "Prosjektledelse",
    "Innleid kompetanse",
    "Verksteder og samlinger",
    "Kommunikasjon og markedsføring",
    "Reise og opphold",
    "Utstyr og materiell",
    "Utredning og analyse",
    "Digital plattform",
    "Evaluering",
]

PARTNER_ORGANISATIONS = [
    "Innlandet fylkeskommune",
    "Høgskolen i Innlandet",
    "Hamar næringsforening",
    "Visit Innlandet",
    "NAV Innlandet",
    "Statsforvalteren i Innlandet",
    "Mjøsbyen",
    "Nasjonalt kompetansesenter for landbruk",
]

FIRST_NAMES = [
    "Kari",
    "Ola",
    "Ingrid",
    "Lars",
    "Sigrid",
    "Per",
    "Marte",
    "Anders",
    "Hanne",
    "Jon",
    "Silje",
    "Erik",
    "Ragnhild",
    "Tor",
    "Eva",
    "Magnus",
    "Nora",
    "Knut",
    "Astrid",
    "Even",
]

LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Berg",
    "Haugen",
    "Hagen",
    "Bakken",
    "Lund",
    "Moen",
    "Sveen",
    "Nordby",
    "Løken",
    "Stensrud",
    "Ødegård",
    "Aasen",
]

RESULTS = [
    "Prosjektet nådde hovedmålet, og tiltakene videreføres i kommunenes ordinære drift.",
    "Kartleggingen er ferdig og brukes i kommunenes planarbeid.",
    "Nettverket har samlet mer enn førti bedrifter og fortsetter etter prosjektperioden.",
    "To av tre delmål ble nådd; det siste følges opp i et nytt prosjekt.",
    "Piloten viste gode resultater og skal prøves ut i hele regionen.",
    "Kampanjen nådde over hundre tusen personer og ga flere henvendelser fra tilflyttere.",
]

ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def email_address(name: str, domain: str) -> str:
    local = ".".join(name.lower().translate(ASCII).split())
    return f"{local}@{domain}"


def person(rng: Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def phone(rng: Random) -> str:
    return f"+47 {rng.randint(400, 999)} {rng.randint(10, 99)} {rng.randint(100, 999)}"


def title(rng: Random) -> tuple[str, str, str]:
    """(title, subject, place): the subject and place come back for the other texts."""
    subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
    words = " ".join(part for part in (rng.choice(ACTIONS), subject, place) if part)
    return words + rng.choice(TITLE_SUFFIXES), subject, place


def summary(rng: Random, subject: str, place: str) -> str:
    where = f" {place}" if place else ""
    sentences = [
        f"Prosjektet skal {rng.choice(VERBS)} {subject}{where} gjennom {rng.choice(METHODS)}.",
        f"Målgruppen er {rng.choice(TARGET_GROUPS)}.",
        rng.choice(CLOSINGS),
    ]
    return " ".join(sentences[: rng.randint(2, 3)])


def application_texts(rng: Random, subject: str, place: str, municipality: str) -> dict:
    """The narrative fields of an application, as a municipality writes them."""
    where = f" {place}" if place else " i regionen"
    goals = rng.sample(
        [
            f"Kartlegge behovene innen {subject}.",
            f"Prøve ut nye tiltak for {rng.choice(TARGET_GROUPS)}.",
            "Dele erfaringer mellom kommunene.",
            "Etablere et varig samarbeid med næringslivet.",
            "Måle effekten av tiltakene.",
        ],
        3,
    )
    return {
        "background": (
            f"{municipality} og nabokommunene har sett et felles behov innen {subject}{where}. "
            f"{rng.choice(CLOSINGS)}"
        ),
        "main_goal": f"Hovedmålet er å {rng.choice(VERBS)} {subject}{where}.",
        "sub_goals": "\n".join(goals),
        "expected_results": rng.choice(CLOSINGS) + " " + rng.choice(CLOSINGS),
        "target_group": rng.choice(TARGET_GROUPS).capitalize() + ".",
        "anchoring": f"Vedtatt i formannskapet i {municipality} og drøftet i regionrådet.",
        "organisation": (
            "Styringsgruppe med én representant fra hver deltakende kommune, og en "
            f"prosjektleder ansatt i {municipality}."
        ),
    }
