"""Tests of the noise filters of generate.py, on small in-file fixtures, and regression
tests of the committed packs.  No external data is needed:

    python3 -m unittest discover -s rules/places -p 'test_*.py'
"""

import os
import sys
import tomllib
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate as g  # noqa: E402


class Normalization(unittest.TestCase):
    def test_fold(self):
        self.assertEqual(g.fold("Séoul"), "seoul")
        self.assertEqual(g.fold("Weißrussland"), "weissrussland")
        self.assertEqual(g.fold("Łódź"), "lodz")
        self.assertEqual(g.fold("Côte d’Ivoire"), "cote d'ivoire")

    def test_loose_and_core(self):
        self.assertEqual(g.loose("Port-Louis"), g.loose("Port Louis"))
        self.assertEqual(g.core("Cairo Governorate"), "cairo")
        self.assertEqual(g.core("Kuwait City"), g.core("Kuwait"))
        self.assertEqual(g.strip_generic("Jambi City"), "Jambi")


class Shape(unittest.TestCase):  # filter 6a
    def test_dropped(self):
        for form in ["Om", "A", "Tarawa 2", "partie néerlandaise", "Bruxelles (Anderlecht)",
                     "Hong Kong, RAE da China"]:
            self.assertTrue(g.bad_shape(form), form)

    def test_kept(self):
        for form in ["Kiew", "Elx", "Corée du Nord", "Saint-Pétersbourg"]:
            self.assertFalse(g.bad_shape(form), form)


class SameAsEnglish(unittest.TestCase):  # filter 4
    def test_identical_and_typographic(self):
        self.assertTrue(g.same_as_english("Paris", ["Paris"], set(), "fr"))
        self.assertTrue(g.same_as_english("Port-Louis", ["Port Louis"], set(), "fr"))
        self.assertTrue(g.same_as_english("Provence-Alpes-Côte d’Azur",
                                          ["Provence-Alpes-Côte d'Azur"], set(), "de"))

    def test_accent_from_the_source_language_is_kept(self):
        self.assertFalse(g.same_as_english("Séoul", ["Seoul"], {"서울특별시"}, "fr"))
        self.assertFalse(g.same_as_english("Perù", ["Peru"], {"Perú"}, "it"))
        self.assertFalse(g.same_as_english("Kazań", ["Kazan"], set(), "pl"))

    def test_local_spelling_is_dropped(self):
        self.assertTrue(g.same_as_english("Zürich", ["Zurich"], {"Zürich"}, "de"))
        self.assertTrue(g.same_as_english("Bogotá", ["Bogota"], {"Bogotá"}, "es"))
        self.assertTrue(g.same_as_english("Québec", ["Quebec"], {"Québec"}, "fr"))

    def test_fewer_accents_or_foreign_accents_are_dropped(self):
        self.assertTrue(g.same_as_english("Zurich", ["Zürich"], set(), "fr"))
        self.assertTrue(g.same_as_english("Kyōto", ["Kyoto"], set(), "fr"))     # not French
        self.assertTrue(g.same_as_english("Chişinău", ["Chișinău"], set(), "fr"))
        self.assertTrue(g.same_as_english("Ciudad Nezahualcóyotl",
                                          ["Ciudad Nezahualcoyotl"], set(), "de"))

    def test_short_and_long_forms(self):
        self.assertTrue(g.same_as_english("Jambi", ["Jambi City"], set(), "fr"))
        self.assertTrue(g.same_as_english("Tagum City", ["Tagum"], set(), "de"))
        self.assertTrue(g.same_as_english("Ludwigshafen", ["Ludwigshafen am Rhein"], set(), "fr"))
        self.assertTrue(g.same_as_english("Santiago de Chile", ["Santiago"],
                                          {"Santiago de Chile"}, "es"))
        self.assertFalse(g.same_as_english("Santiago du Chili", ["Santiago"],
                                           {"Santiago de Chile"}, "fr"))

    def test_also_ok_names(self):
        self.assertTrue(g.same_as_english("Hannover", ["Hanover"], set(), "de", {"Hannover"}))
        self.assertFalse(g.same_as_english("Hanovre", ["Hanover"], set(), "fr", {"Hannover"}))

    def test_foreign_forms_are_not_english(self):
        for form, en, lang in [("Varsovie", "Warsaw", "fr"), ("Kiew", "Kyiv", "de"),
                               ("Países Bajos", "Netherlands", "es")]:
            self.assertFalse(g.same_as_english(form, [en], set(), lang), form)


class LocalName(unittest.TestCase):  # filter 4b
    def test(self):
        local = {"sr": {"Приштина"}, "sq": {"Prishtinë"}, "de": {"Genf"}}
        self.assertTrue(g.is_local_name("Prishtinë", local, "pl"))
        self.assertFalse(g.is_local_name("Prisztina", local, "pl"))
        self.assertFalse(g.is_local_name("Genf", local, "de"))   # source language itself


class Romanization(unittest.TestCase):  # filter 4c
    def test_variants_english_also_uses(self):
        self.assertTrue(g.is_romanization_variant("Hilla", ["Al Hillah"], "de"))
        self.assertTrue(g.is_romanization_variant("Kismaayo", ["Kismayo"], "fr"))
        self.assertTrue(g.is_romanization_variant("Al-Mukalla", ["Mukalla"], "de"))
        self.assertTrue(g.is_romanization_variant("Tánger", ["Tangier"], "es"))

    def test_source_language_romanizations_stay(self):
        self.assertFalse(g.is_romanization_variant("Koursk", ["Kursk"], "fr"))
        self.assertFalse(g.is_romanization_variant("Dschidda", ["Jeddah"], "de"))
        self.assertFalse(g.is_romanization_variant("Szymkent", ["Shymkent"], "pl"))
        self.assertFalse(g.is_romanization_variant("Alep", ["Aleppo"], "fr"))
        self.assertFalse(g.is_romanization_variant("Bagdad", ["Baghdad"], "de"))


class Ukrainian(unittest.TestCase):
    def test_kmu2010(self):
        for uk, en in [("Київ", "Kyiv"), ("Запоріжжя", "Zaporizhzhia"), ("Миколаїв", "Mykolaiv"),
                       ("Кривий Ріг", "Kryvyi Rih"), ("Куп’янськ", "Kupiansk"),
                       ("Єнакієве", "Yenakiieve"), ("Згурівка", "Zghurivka"),
                       ("Кам’янець-Подільський", "Kamianets-Podilskyi")]:
            self.assertEqual(g.kmu2010(uk), en)
        self.assertIsNone(g.kmu2010("Bakhmut"))

    def test_same_name(self):
        self.assertTrue(g.same_ukrainian_name("Berdiansk", "Berdyansk"))
        self.assertTrue(g.same_ukrainian_name("Makiivka", "Makiyivka"))
        self.assertFalse(g.same_ukrainian_name("Rovno", "Rivne"))
        self.assertFalse(g.same_ukrainian_name("Krasnoarmiisk", "Pokrovsk"))

    def test_spanish_article_is_not_arabic(self):
        self.assertFalse(g.is_romanization_variant("El Cairo", ["Cairo"], "es"))


class EnglishWord(unittest.TestCase):  # filter 1
    WORDS = {g.fold(w) for w in ["soul", "lime", "nice", "Nice", "bath", "genes", "Peking",
                                 "cap", "le", "Seoul"]}
    COMMON = {g.fold(w) for w in ["soul", "lime", "nice", "bath", "genes", "cap", "le"]}

    def test_dropped(self):
        for form in ["Soul", "Lime", "Nice", "Bath", "Gênes", "Peking", "Le Cap"]:
            self.assertTrue(g.is_english_word(form, self.WORDS, self.COMMON), form)

    def test_kept(self):
        for form in ["Moscou", "Varsovie", "Le Caire"]:
            self.assertFalse(g.is_english_word(form, self.WORDS, self.COMMON), form)


class PersonName(unittest.TestCase):  # filter 6b
    FIRST = {"virginie", "taras", "sofia", "georgie"}
    LAST = {"milano", "cassel"}

    def test(self):
        self.assertTrue(g.is_person_name("Virginie", self.FIRST, self.LAST))
        self.assertTrue(g.is_person_name("Sofía", self.FIRST, self.LAST))   # folded
        self.assertTrue(g.is_person_name("Milano", self.FIRST, self.LAST))
        self.assertFalse(g.is_person_name("Varsovie", self.FIRST, self.LAST))
        self.assertFalse(g.is_person_name("Virginie-Occidentale", self.FIRST, self.LAST))

    def test_parse_nam_dict(self):
        lines = [
            "# comment\n",
            "M  Taras                      " + " " * 24 + "6" + " " * 10 + "$\n",
            "F  Rarename                   " + "1" + " " * 30 + "$\n",
            "M  Jean+Pierre                " + "9" + " " * 30 + "$\n",
            "F  Käte                      +" + "9" + " " * 30 + "$\n",
        ]
        names = g.parse_nam_dict(lines, 4)
        self.assertIn("taras", names)
        self.assertNotIn("rarename", names)
        self.assertTrue({"jean-pierre", "jean pierre", "jeanpierre"} <= names)
        self.assertNotIn("kate", names)     # expanded-umlaut duplicate line skipped


class OtherPlace(unittest.TestCase):  # filter 3
    INDEX = {
        "pekin": {(("C", 4905599), "pekin")},          # Pekin, Illinois
        "valencia": {(("C", 2509954), "valencia"), (("A", "ES.60"), "valencia")},
    }

    def test(self):
        self.assertTrue(g.is_other_place_english("Pékin", ("C", 1816670), "beijing", self.INDEX))
        # the region of Valencia is not "another place" for the city of Valencia
        self.assertFalse(g.is_other_place_english("Valencia", ("C", 2509954), "valencia",
                                                  self.INDEX))
        self.assertFalse(g.is_other_place_english("Varsovie", ("C", 756135), "warsaw",
                                                  self.INDEX))


class Ambiguous(unittest.TestCase):  # filter 2
    def test(self):
        index = {"lecaire": {"cairo"}, "valence": {"valencia", "valence"}}
        self.assertFalse(g.is_ambiguous("Le Caire", index))
        self.assertTrue(g.is_ambiguous("Valence", index))
        self.assertFalse(g.is_ambiguous("Unknown", index))


class SharedAndAdmin(unittest.TestCase):
    def test_shared_pack_forms(self):
        for form in ["Odessa", "Kiev", "Oblast d'Odessa", "Municipalité de Kiev", "Ługańsk"]:
            self.assertTrue(g.uses_shared_form(form), form)
        for form in ["Odesa", "Kijów", "Kiew", "Charków"]:
            self.assertFalse(g.uses_shared_form(form), form)

    def test_admin_formal(self):  # filter 5b
        self.assertTrue(g.is_admin_formal("Province de Hunan", "admin1"))
        self.assertTrue(g.is_admin_formal("Oblast Charkiw", "admin1"))
        self.assertTrue(g.is_admin_formal("Comunidad Autónoma de Cataluña", "admin1"))
        self.assertTrue(g.is_admin_formal("District d'Alwar", "city"))
        self.assertFalse(g.is_admin_formal("Ciudad de México", "city"))
        self.assertFalse(g.is_admin_formal("Bavière", "admin1"))

    def test_normalize_admin_en(self):
        self.assertEqual(g.normalize_admin_en("DE.15", "Free State of Thuringia"), "Thuringia")
        self.assertEqual(g.normalize_admin_en("CN.11", "Hunan Province"), "Hunan")
        self.assertEqual(g.normalize_admin_en("SD.43", "Northern State"), "Northern State")
        self.assertEqual(g.normalize_admin_en("UA.07", "Kharkiv"), "Kharkiv Oblast")

    def test_clean_territory_name(self):
        self.assertEqual(g.clean_territory_name("Myanmar (Birmanie)", "MM"),
                         ["Myanmar", "Birmanie"])
        self.assertEqual(g.clean_territory_name("Iran (Islamische Republik)", "IR"), ["Iran"])
        self.assertEqual(g.clean_territory_name("Bosnia & Herzegovina"),
                         ["Bosnia and Herzegovina"])


class BuildOnFixtures(unittest.TestCase):
    """build() end to end on a few invented places (no sources needed)."""

    def setUp(self):
        P = g.Place
        self.places = [
            P(("C", 1), "city", ["Warsaw"], {"fr": {"Varsovie"}, "de": {"Warschau"}},
              relevant=True, population=1_800_000),
            P(("C", 2), "city", ["Seoul"], {"fr": {"Séoul"}, "de": {"Seoul"}},
              relevant=True, population=10_000_000),
            P(("C", 3), "city", ["Lima"], {"fr": {"Lime"}}, relevant=True, population=9_000_000),
            P(("C", 4), "city", ["Valencia"], {"fr": {"Valence"}}, relevant=True,
              population=800_000),
            P(("C", 5), "city", ["Valence"], {"fr": {"Valence"}}, population=60_000),
            P(("C", 6), "city", ["Tinytown"], {"fr": {"Petiteville"}}, population=2_000),
            P(("C", 7), "city", ["Odesa"], {"fr": {"Odessa"}, "de": {"Odessa"}},
              relevant=True, population=1_000_000),
            P(("C", 9), "city", ["Frankfurt am Main"], {"fr": {"Francfort"}}, relevant=True,
              population=700_000),
            P(("C", 10), "city", ["Frankfurt an der Oder"], {"fr": {"Francfort"}},
              population=60_000),
            P(("T", "KW"), "country", ["Kuwait"], {"fr": {"Koweït"}}, relevant=True),
            P(("C", 8), "city", ["Kuwait City"], {"fr": {"Koweït"}}, relevant=True,
              population=60_000),
        ]
        self.words = {"lime", "nice"}
        entries, self.stats = g.build(self.places, {"extra_english": []}, self.words,
                                      self.words, set(), set())
        self.fr = {f: en[0] for en, fs in entries["fr"].items() for f in fs}
        self.de = {f: en[0] for en, fs in entries["de"].items() for f in fs}

    def test_kept(self):
        self.assertEqual(self.fr["Varsovie"], "Warsaw")
        self.assertEqual(self.fr["Séoul"], "Seoul")
        self.assertEqual(self.de["Warschau"], "Warsaw")

    def test_dropped(self):
        self.assertNotIn("Lime", self.fr)          # English word
        self.assertNotIn("Valence", self.fr)       # English name of another place
        self.assertNotIn("Francfort", self.fr)     # ambiguous (two Frankfurts)
        self.assertNotIn("Petiteville", self.fr)   # not news-relevant
        self.assertNotIn("Odessa", self.fr)        # shared pack
        self.assertNotIn("Seoul", self.de)         # English name
        self.assertEqual(self.stats["fr"]["english-word"], 1)
        self.assertEqual(self.stats["fr"]["other-place"], 1)
        self.assertEqual(self.stats["fr"]["ambiguous"], 1)
        self.assertEqual(self.stats["fr"]["shared"], 1)
        self.assertEqual(self.stats["fr"]["not-news-relevant"], 2)

    def test_one_place_per_form(self):
        # "Koweït" names the country and its capital: the country wins.
        self.assertEqual(self.fr["Koweït"], "Kuwait")


def load_pack(lang):
    with open(os.path.join(HERE, f"{lang}.toml"), "rb") as fh:
        return tomllib.load(fh)


class CommittedPacks(unittest.TestCase):
    """Regression tests of the generated packs committed beside this file."""

    MUST = [
        ("fr", "Corée du Nord", "North Korea"), ("de", "Weißrussland", "Belarus"),
        ("es", "Países Bajos", "Netherlands"),
        ("de", "Kiew", "Kyiv"), ("pl", "Kijów", "Kyiv"),
        ("de", "Charkiw", "Kharkiv"), ("pl", "Charków", "Kharkiv"),
        ("de", "Saporischschja", "Zaporizhzhia"), ("fr", "Zaporijia", "Zaporizhzhia"),
        ("fr", "Louhansk", "Luhansk"),
        ("de", "Mykolajiw", "Mykolaiv"), ("pl", "Mikołajów", "Mykolaiv"),
        ("de", "Lwiw", "Lviv"), ("pl", "Lwów", "Lviv"),
        ("fr", "Varsovie", "Warsaw"), ("it", "Pechino", "Beijing"),
        ("pt", "Alemanha", "Germany"), ("nl", "Duitsland", "Germany"),
    ]
    NEVER = {"Odessa", "Kiev", "Kharkov", "Lugansk", "Nice", "Soul", "Lime", "Bath", "Roma",
             "Napoli", "Sevilla", "Italia", "Deutschland", "Bayern", "Tokio", "Suisse"}
    UKRAINE = {"Kyiv", "Kharkiv", "Odesa", "Zaporizhzhia", "Mykolaiv", "Lviv", "Luhansk",
               "Dnipro"}

    @classmethod
    def setUpClass(cls):
        cls.packs = {lang: load_pack(lang) for lang, _, _ in g.LANGS}
        cls.forms = {lang: {f: e["en"] for e in p["entry"] for f in e.get(lang, [])}
                     for lang, p in cls.packs.items()}

    def test_must_include(self):
        for lang, form, en in self.MUST:
            self.assertIn(form, self.forms[lang], f"{lang} {form}")
            self.assertEqual(self.forms[lang][form][0], en, f"{lang} {form}")

    def test_never_variants(self):
        for lang, forms in self.forms.items():
            for form in forms:
                self.assertNotIn(form, self.NEVER, f"{lang} {form}")
                self.assertFalse(g.uses_shared_form(form), f"{lang} {form}")

    def test_ukrainian_english_names(self):
        found = set()
        for p in self.packs.values():
            for e in p["entry"]:
                found |= set(e["en"]) & self.UKRAINE
                self.assertFalse({"Kiev", "Odessa", "Kharkov", "Zaporizhzhya", "Mykolayiv"}
                                 & set(e["en"]), e["en"])
        # Odesa has no entry: its only foreign form, "Odessa", belongs to the shared pack.
        self.assertEqual(found, self.UKRAINE - {"Odesa"})

    def test_pack_headers(self):
        codes = {lang: code for lang, _, code in g.LANGS}
        for lang, p in self.packs.items():
            self.assertEqual(p["pack"]["name"], f"places-{lang}")
            self.assertEqual(p["pack"]["prefix"], "GEO")
            self.assertEqual(p["pack"]["source"], lang)
            self.assertIn("CC BY 4.0", p["pack"]["provenance"])
            self.assertIn("Unicode License v3", p["pack"]["provenance"])
            [rule] = p["rule"]
            self.assertEqual(rule["code"], codes[lang])
            self.assertEqual((rule["kind"], rule["entity"]), ("entity", "place"))
            self.assertGreaterEqual(sum("bad" in x for x in rule["examples"]), 2)
            self.assertGreaterEqual(sum("good" in x for x in rule["examples"]), 2)
            for e in p["entry"]:
                self.assertEqual(e["type"], "place")
                self.assertTrue(e["en"] and e[lang])

    def test_one_place_per_form_and_coverage(self):
        total = 0
        for lang, p in self.packs.items():
            seen = [f for e in p["entry"] for f in e[lang]]
            self.assertEqual(len(seen), len(set(seen)), lang)
            total += len(seen)
        self.assertGreaterEqual(total, 3000)


if __name__ == "__main__":
    unittest.main()
