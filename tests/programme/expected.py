"""The 2022–2023 programme as the council wrote it, for the tests that compare against it."""

from pathlib import Path

from django.conf import settings

SOURCE_TEXT = Path(settings.BASE_DIR, "fixtures", "source", "handlingsprogram-2022-2023.txt")

PROGRAMME_SLUG = "2022-2023"
VISION = "Innlandets foretrukne bo- og arbeidsregion"

# Focus area -> (theme, sub-themes), in the order of the council's table.
TABLE = {
    "Befolkningsvekst": (
        "Attraktivitet",
        [
            "Inkluderende bo- og arbeidsregion",
            "Internasjonalt miljø",
            "Satsningsområde nord for Oslo",
            "Samferdsel",
        ],
    ),
    "Kompetanse og næringsutvikling": (
        "Utvikling",
        [
            "Arenaer og nettverk",
            "Eksisterende næringsliv",
            "Trippel Helix",
            "Kompetanse-tilførsel",
            "Internasjonalt arbeid",
        ],
    ),
    "Profilering og markedsføring": (
        "Synliggjøring",
        ["Identitet", "Tiltrekningskraft", "Kommunikasjon"],
    ),
    "Diskusjonsarena": ("Samarbeid", ["Felles mål", "Felles innsats", "Større region"]),
}

FOCUS_AREA_SLUGS = [
    "befolkningsvekst",
    "kompetanse-og-naeringsutvikling",
    "profilering-og-markedsforing",
    "diskusjonsarena",
]

# FN-sambandet's Norwegian names for the UN's 17 goals.
GOALS = {
    1: "Utrydde fattigdom",
    2: "Utrydde sult",
    3: "God helse og livskvalitet",
    4: "God utdanning",
    5: "Likestilling mellom kjønnene",
    6: "Rent vann og gode sanitærforhold",
    7: "Ren energi til alle",
    8: "Anstendig arbeid og økonomisk vekst",
    9: "Industri, innovasjon og infrastruktur",
    10: "Mindre ulikhet",
    11: "Bærekraftige byer og lokalsamfunn",
    12: "Ansvarlig forbruk og produksjon",
    13: "Stoppe klimaendringene",
    14: "Livet i havet",
    15: "Livet på land",
    16: "Fred, rettferdighet og velfungerende institusjoner",
    17: "Samarbeid for å nå målene",
}
