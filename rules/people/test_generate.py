"""Tests for rules/people/generate.py: the transliteration engine, the committed tables and
the filters.

    python3 -m unittest discover -s rules/people -p 'test_*.py'
"""

import os
import tempfile
import unittest

import generate as g

SCHEMES = g.load_schemes()


def translit(source_lang: str, text: str, target: str) -> str:
    return SCHEMES[(g.SCRIPT_OF[source_lang], target)].name_form(text, source_lang)


def scheme_from(text: str, name: str = "cyrillic-xx") -> g.Scheme:
    """A scheme from an in-file table."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name + ".tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return g.load_scheme(path)


def person(en, lang="ru", row=1, script=None, nogen="", **curated) -> g.Person:
    return g.Person(row=row, en=en, country="Testland", role="Minister", lang=lang,
                    script=script or {}, curated=curated, ap="", reuters="", keep=[],
                    nogen=set(nogen.split()), note="")


# A small table exercising every feature of the format.
FIXTURE = (
    "# fixture\n"
    "@langs\tru uk\n"
    "@class\tV\tаеиоуя\n"
    "@case\tsource\n"
    "=иван\tjean\tlang=ru\n"
    "ий\ti\tbefore=end word=last\n"
    "ий\tij\tbefore=end\n"
    "с\tss\tafter=V before=V\n"
    "с\ts\n"
    "е\tje\tafter=start,V lang=ru\n"
    "е\te\n"
    "и\ty\tlang=uk\n"
    "и\ti\n"
    "й\tj\n"
    "а\ta\n"
    "о\to\n"
    "у\tu\n"
    "я\tja\n"
    "в\tv\n"
    "л\tl\n"
    "р\tr\n"
    "д\td\n"
    "м\tm\n"
    "н\tn\n"
    "т\tt\n"
    "ш\tsh\n"
    "б\t%double\tafter=б\n"
    "б\tb\n"
)


class TranslitEngine(unittest.TestCase):
    def setUp(self):
        self.s = scheme_from(FIXTURE)

    def test_context_conditions(self):
        self.assertEqual(self.s.name_form("Васа", "ru"), "Vassa")     # с between vowels
        self.assertEqual(self.s.name_form("Ваня Ерш", "ru"), "Vanja Jersh")   # е at the start
        self.assertEqual(self.s.name_form("Велес", "ru"), "Veles")   # е after a consonant

    def test_source_language(self):
        self.assertEqual(self.s.name_form("Мирон", "ru"), "Miron")
        self.assertEqual(self.s.name_form("Мирон", "uk"), "Myron")
        self.assertEqual(self.s.name_form("Ерш", "uk"), "Ersh")

    def test_word_position_and_endings(self):
        # -ий is "ij" in a first name and "i" at the end of the last word
        self.assertEqual(self.s.name_form("Вадим Дмитрий", "ru"), "Vadim Dmitri")
        self.assertEqual(self.s.name_form("Дмитрий Лавров", "ru"), "Dmitrij Lavrov")

    def test_whole_word_rule(self):
        self.assertEqual(self.s.name_form("Иван Иванов", "ru"), "Jean Ivanov")
        self.assertEqual(self.s.name_form("Иван", "uk"), "Yvan")

    def test_double_and_latin_passthrough(self):
        self.assertEqual(self.s.name_form("Ilham Абба", "ru"), "Ilham Abba")

    def test_lower_case_source_word_stays_lower(self):
        self.assertEqual(self.s.name_form("Мирон ван Лаар", "ru"), "Miron van Laar")

    def test_unknown_letter_is_an_error(self):
        with self.assertRaises(ValueError):
            self.s.name_form("Жук", "ru")

    def test_unknown_directive_is_an_error(self):
        with self.assertRaises(ValueError):
            scheme_from("@nonsense\tx\n")


class CommittedTables(unittest.TestCase):
    """Forms the press really uses, produced by the committed tables."""

    CASES = [
        ("ru", "Владимир Путин", {"fr": "Vladimir Poutine", "de": "Wladimir Putin", "pl": "Władimir Putin"}),
        ("ru", "Сергей Лавров", {"fr": "Sergueï Lavrov", "de": "Sergej Lawrow", "pl": "Siergiej Ławrow"}),
        ("ru", "Сергей Шойгу", {"fr": "Sergueï Choïgou", "de": "Sergej Schoigu", "pl": "Siergiej Szojgu"}),
        ("ru", "Дмитрий Песков", {"fr": "Dmitri Peskov", "de": "Dmitri Peskow", "pl": "Dmitrij Pieskow"}),
        ("ru", "Евгений Пригожин", {"fr": "Evgueni Prigojine", "de": "Jewgeni Prigoschin", "pl": "Jewgienij Prigożyn"}),
        ("ru", "Юлия Навальная", {"fr": "Ioulia Navalnaïa", "de": "Julia Nawalnaja", "pl": "Julia Nawalna"}),
        ("ru", "Вячеслав Володин", {"fr": "Viatcheslav Volodine", "de": "Wjatscheslaw Wolodin", "pl": "Wiaczesław Wołodin"}),
        ("ru", "Михаил Горбачёв", {"fr": "Mikhaïl Gorbatchev", "de": "Michail Gorbatschow", "pl": "Michaił Gorbaczow"}),
        ("ru", "Александр Лукашенко", {"fr": "Alexandre Loukachenko", "de": "Alexander Lukaschenko"}),
        ("ru", "Касым-Жомарт Токаев", {"fr": "Kassym-Jomart Tokaïev", "de": "Kassym-Schomart Tokajew", "pl": "Kasym-Żomart Tokajew"}),
        ("ru", "Шавкат Мирзиёев", {"fr": "Chavkat Mirzioïev", "de": "Schawkat Mirsijojew", "pl": "Szawkat Mirzijojew"}),
        ("ru", "Борис Ельцин", {"fr": "Boris Eltsine", "de": "Boris Jelzin", "pl": "Borys Jelcyn"}),
        ("uk", "Володимир Зеленський", {"fr": "Volodymyr Zelensky", "de": "Wolodymyr Selenskyj", "pl": "Wołodymyr Zełenski"}),
        ("uk", "Валерій Залужний", {"de": "Walerij Saluschnyj", "pl": "Wałerij Załużny"}),
        ("uk", "Андрій Єрмак", {"fr": "Andriï Iermak", "de": "Andrij Jermak", "pl": "Andrij Jermak"}),
        ("uk", "Денис Шмигаль", {"fr": "Denys Chmyhal", "de": "Denys Schmyhal", "pl": "Denys Szmyhal"}),
        ("uk", "Дмитро Кулеба", {"fr": "Dmytro Kouleba", "pl": "Dmytro Kułeba"}),
        ("uk", "Юлія Свириденко", {"fr": "Ioulia Svyrydenko", "pl": "Julia Swyrydenko"}),
        ("uk", "Михайло Подоляк", {"de": "Mychajlo Podoljak", "pl": "Mychajło Podolak"}),
        ("be", "Аляксандр Лукашэнка", {"pl": "Alaksandr Łukaszenka"}),
        ("be", "Святлана Ціханоўская", {"pl": "Swiatłana Cichanouska"}),
        ("bg", "Румен Радев", {"fr": "Roumen Radev", "de": "Rumen Radew", "pl": "Rumen Radew"}),
        ("ar", "بَشَّار الأَسَد", {"fr": "Bachar al-Assad", "de": "Baschar al-Assad", "pl": "Baszar al-Asad"}),
        ("ar", "أَحْمَد الشَّرَع", {"fr": "Ahmad al-Charaa", "de": "Ahmad al-Scharaa", "pl": "Ahmad asz-Szara"}),
        ("ar", "مُحَمَّد بِن سَلْمَان", {"fr": "Mohammed ben Salmane", "de": "Mohammed bin Salman"}),
        ("ar", "خَلِيفَة حَفْتَر", {"de": "Chalifa Haftar", "pl": "Chalifa Haftar"}),
        ("ar", "يَحْيَى السِّنْوَار", {"de": "Jahja al-Sinwar", "pl": "Jahja as-Sinwar"}),
        ("ar", "مُقْتَدَى الصَّدْر", {"de": "Muktada al-Sadr", "pl": "Muktada as-Sadr"}),
        ("ar", "حَسَن نَصْرَاللّٰه", {"fr": "Hassan Nasrallah", "pl": "Hasan Nasrallah"}),
        ("ko", "김정은", {"pl": "Kim Dzong Un"}),
        ("ko", "김정일", {"pl": "Kim Dzong Il"}),
        ("ko", "김여정", {"pl": "Kim Jo Dzong"}),
    ]

    def test_press_forms(self):
        for sl, text, want in self.CASES:
            for target, form in want.items():
                with self.subTest(source=text, target=target):
                    self.assertEqual(translit(sl, text, target), form)

    def test_every_table_has_a_header_comment(self):
        for fn in sorted(os.listdir(g.TRANSLIT_DIR)):
            with open(os.path.join(g.TRANSLIT_DIR, fn), encoding="utf-8") as f:
                first = f.readline()
            self.assertTrue(first.startswith("# " + fn[:-4]), fn)

    def test_no_korean_table_for_french_or_german(self):
        self.assertNotIn(("korean", "fr"), SCHEMES)
        self.assertNotIn(("korean", "de"), SCHEMES)


class Filters(unittest.TestCase):
    WORDS = {"trump", "bush", "orange"}

    def build(self, people, schemes=None):
        return g.build(people, schemes if schemes is not None else SCHEMES, self.WORDS)

    def kept(self, res, i, lang):
        return sorted(v.form for v in res.kept.get(i, {}).get(lang, []))

    def dropped(self, res, flt):
        return sorted(v.form for f, v, _ in res.dropped if f == flt)

    def test_generated_full_name_and_surname(self):
        res = self.build([person(["Sergei Lavrov", "Lavrov"], script={"ru": "Сергей Лавров"})])
        self.assertEqual(self.kept(res, 0, "de"), ["Lawrow", "Sergej Lawrow"])
        self.assertEqual(self.kept(res, 0, "fr"), ["Sergueï Lavrov"])
        self.assertIn("Lavrov", self.dropped(res, "english-form"))   # the French surname

    def test_no_surname_alone_unless_english_uses_it(self):
        res = self.build([person(["Alexander Novak"], script={"ru": "Александр Новак"})])
        self.assertEqual(self.kept(res, 0, "pl"), ["Aleksandr Nowak"])

    def test_nogen(self):
        res = self.build([person(["Sergei Lavrov", "Lavrov"], script={"ru": "Сергей Лавров"}, nogen="fr de")])
        self.assertEqual(self.kept(res, 0, "fr"), [])
        self.assertEqual(self.kept(res, 0, "de"), [])
        self.assertTrue(self.kept(res, 0, "pl"))

    def test_a_english_form_of_another_person(self):
        people = [person(["Anna Kowalski"], pl=["Anna Nowak"]),
                  person(["Anna Nowak"], lang="pl", row=2)]
        res = self.build(people)
        self.assertEqual(self.kept(res, 0, "pl"), [])
        self.assertEqual(self.dropped(res, "english-form"), ["Anna Nowak"])

    def test_a_ignores_case(self):
        res = self.build([person(["Ivan Petrov"], de=["IVAN PETROV", "Iwan Petrow"])])
        self.assertEqual(self.kept(res, 0, "de"), ["Iwan Petrow"])

    def test_b_english_word(self):
        res = self.build([person(["Ivan Trumpov", "Trumpov"], de=["Trump", "Iwan Trump"])])
        self.assertEqual(self.kept(res, 0, "de"), ["Iwan Trump"])
        self.assertEqual(self.dropped(res, "english-word"), ["Trump"])

    def test_c_diacritics_foreign_to_the_name_are_kept(self):
        res = self.build([person(["Vladimir Putin"], lang="ru", es=["Vladímir Putin"])])
        self.assertEqual(self.kept(res, 0, "es"), ["Vladímir Putin"])

    def test_c_native_diacritics_are_dropped(self):
        res = self.build([person(["Pedro Sanchez"], lang="es", fr=["Pedro Sánchez"])])
        self.assertEqual(self.kept(res, 0, "fr"), [])
        self.assertEqual(self.dropped(res, "diacritics-only"), ["Pedro Sánchez"])

    def test_c_only_the_added_diacritics_count(self):
        # "Erdoğan" is English; a variant adding a foreign accent on top is kept
        res = self.build([person(["Recep Erdoğan"], lang="tr", es=["Recép Erdoğan", "Recep Erdogan"])])
        self.assertEqual(self.kept(res, 0, "es"), ["Recép Erdoğan"])

    def test_d_shared_between_two_people(self):
        people = [person(["Dmytro Kuleba", "Kuleba"], lang="uk", row=1, fr=["Dmytro Kouleba", "Kouleba"]),
                  person(["Oleksiy Kuleba", "Kuleba"], lang="uk", row=2, fr=["Oleksiï Kouleba", "Kouleba"])]
        res = self.build(people)
        self.assertEqual(self.kept(res, 0, "fr"), ["Dmytro Kouleba"])
        self.assertEqual(self.kept(res, 1, "fr"), ["Oleksiï Kouleba"])
        self.assertEqual(self.dropped(res, "shared"), ["Kouleba", "Kouleba"])

    def test_same_form_in_two_languages_of_one_person_is_kept(self):
        res = self.build([person(["Dmitry Peskov", "Peskov"], de=["Peskow"], pl=["Peskow"])])
        self.assertEqual(self.kept(res, 0, "de"), ["Peskow"])
        self.assertEqual(self.kept(res, 0, "pl"), ["Peskow"])

    def test_first_name_only_variant_is_rejected(self):
        with self.assertRaises(ValueError):
            g.validate_person(person(["Sergei Lavrov"], fr=["Sergueï Lavrov", "Sergueï"]), "x.csv")
        g.validate_person(person(["Sergei Lavrov"], fr=["Sergueï Lavrov", "Lavrov"]), "x.csv")

    def test_house_style_must_be_an_english_form(self):
        p = person(["Kim Jong Un", "Kim Jong-un"])
        p.ap = "Kim Jong-Un"
        with self.assertRaises(ValueError):
            g.validate_person(p, "x.csv")


class Output(unittest.TestCase):
    def test_render_is_deterministic_and_sorted(self):
        people = [person(["Zed Zulu"], de=["Zett Zulu"], row=1),
                  person(["Anna Alpha"], de=["Anna Alfa"], row=2)]
        res = g.build(people, SCHEMES, set())
        a, b = g.render(res), g.render(res)
        self.assertEqual(a, b)
        self.assertLess(a.index('en = ["Anna Alpha"]'), a.index('en = ["Zed Zulu"]'))

    def test_committed_source_loads_and_pack_is_current(self):
        people = g.load_people()
        self.assertGreaterEqual(len(people), 300)
        self.assertGreaterEqual(len({p.country for p in people}), 40)
        if os.path.exists(g.WORDS_FILE):
            self.assertEqual(g.main(["--check"]), 0)


if __name__ == "__main__":
    unittest.main()
