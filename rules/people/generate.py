#!/usr/bin/env python3
"""Generate the people gazetteer pack rules/people/gazetteer.toml.

    python3 rules/people/generate.py             # rewrite gazetteer.toml
    python3 rules/people/generate.py --check     # exit 1 if gazetteer.toml is stale
    python3 rules/people/generate.py --stats     # counts and per-filter statistics
    python3 rules/people/generate.py --dropped   # every variant a filter dropped, and why
    python3 rules/people/generate.py --forms     # every kept variant, generated or curated
    python3 rules/people/generate.py --translit ru:Сергей fr   # try one table

Inputs (all beside this file; README.md describes them):

* people.csv — the curated source list, one person a row: English forms, country, role,
  the language the name belongs to, an optional source-script form, curated foreign forms
  by language, AP / Reuters preferences, keep-contexts, languages not to generate.
* translit/*.tsv — one transliteration table per scheme (cyrillic-fr, arabic-de, ...).
* /usr/share/dict/american-english (Debian wamerican) — filter only.

The source files are not .toml on purpose: every .toml file under rules/ is loaded (and
embedded in the binary) as a rule pack.

The output is deterministic: people, forms and keys are sorted, and nothing depends on the
clock, the locale or hash order.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
PEOPLE_CSV = os.path.join(HERE, "people.csv")
TRANSLIT_DIR = os.path.join(HERE, "translit")
OUTPUT = os.path.join(HERE, "gazetteer.toml")
WORDS_FILE = "/usr/share/dict/american-english"

# Foreign-language columns of people.csv, in the order they are written to the pack.
LANGS = ["fr", "de", "es", "it", "pt", "pl", "ru"]
LANG_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
              "pt": "Portuguese", "pl": "Polish", "ru": "Russian"}
# Target languages that have generated romanizations, and which source-script form each
# prefers when a person has several (Belarusians: the Polish press romanizes the
# Belarusian form, "Łukaszenka"; the French and German press the Russian one).
SCRIPT_PREFERENCE = {
    "fr": ["uk", "ru", "be", "bg", "ar", "ko"],
    "de": ["uk", "ru", "be", "bg", "ar", "ko"],
    "pl": ["uk", "be", "ru", "bg", "ar", "ko"],
}
SCRIPT_OF = {"ru": "cyrillic", "uk": "cyrillic", "be": "cyrillic", "bg": "cyrillic",
             "ar": "arabic", "ko": "korean"}

# Letters with diacritics that belong to a name's own language (filter c). A variant that
# differs from an English form only by diacritics is kept only when it adds a diacritic
# that is foreign to the name's language: Spanish "Vladímir Putin" is kept (Russian names
# have no accents in English), French "François Bayrou" is dropped (the cedilla is the
# name's own). Names from non-Latin scripts have none.
NATIVE_DIACRITICS = {
    "fr": "àâäçéèêëîïôöùûüÿœæ", "de": "äöüß", "es": "áéíóúüñ", "it": "àèéìíîòóùú",
    "pt": "áâãàçéêíóôõú", "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű", "ro": "ăâîșşțţ", "hr": "čćđšž",
    "sr": "čćđšž", "sl": "čšž", "tr": "çğıİöşü", "az": "çəğıİöşü", "nl": "éèëïöü",
    "sv": "åäö", "da": "æøå", "no": "æøå", "fi": "äöå", "et": "äöõüšž",
    "lv": "āčēģīķļņšūž", "lt": "ąčęėįšųūž", "vi": "àáâãèéêìíòóôõùúýăđĩũơư"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "is": "áðéíóúýþæö",
    "mt": "ċġħż", "sq": "çë", "ga": "áéíóú", "ca": "àçèéíïòóúü",
}

# Columns of people.csv, in order.
COLUMNS = ["en", "country", "role", "lang", "script", "fr", "de", "es", "it", "pt", "pl", "ru",
           "ap", "reuters", "keep", "nogen", "note"]


# ---------------------------------------------------------------------------------------
# Folding (the engine's, see src/text/fold.rs: case, diacritics, ß ł ø ...)
# ---------------------------------------------------------------------------------------

_SPECIAL_FOLD = {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
                 "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
                 "Ð": "d", "þ": "th", "Þ": "th", "ı": "i"}
_PUNCT_FOLD = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-",
               "\u2013": "-", "\u00a0": " "}


def fold(s: str) -> str:
    """Lower case, diacritics removed, apostrophes and dashes normalized."""
    out = []
    for c in s:
        if c in _PUNCT_FOLD:
            out.append(_PUNCT_FOLD[c])
        elif c in _SPECIAL_FOLD:
            out.append(_SPECIAL_FOLD[c])
        else:
            for d in unicodedata.normalize("NFKD", c.lower()):
                if not unicodedata.combining(d):
                    out.append(d)
    return "".join(out)


def fold_case(s: str) -> str:
    """Lower case with diacritics kept (NFC)."""
    return unicodedata.normalize("NFC", "".join(_PUNCT_FOLD.get(c, c) for c in s)).lower()


def diacritics_of(s: str) -> set[str]:
    """The lower-case letters of `s` that carry a diacritic or fold to something else."""
    return {c for c in unicodedata.normalize("NFC", s.lower())
            if c.isalpha() and fold(c) != c}


# ---------------------------------------------------------------------------------------
# Transliteration tables
# ---------------------------------------------------------------------------------------

@dataclass
class Cond:
    """One condition on the neighbour of a match: a class, a set of letters, a boundary."""
    negate: bool
    items: list[str]  # 'start' / 'end' / class name / literal letters

    def test(self, ch: str | None, classes: dict[str, str]) -> bool:
        ok = False
        for it in self.items:
            if it in ("start", "end"):
                ok = ch is None
            elif it in classes:
                ok = ch is not None and ch in classes[it]
            else:
                ok = ch is not None and ch in it
            if ok:
                break
        return ok != self.negate


@dataclass
class TRule:
    src: str
    out: str
    whole: bool = False
    langs: frozenset[str] | None = None
    after: Cond | None = None
    before: Cond | None = None
    word: str | None = None  # first / last / notfirst / notlast
    line: int = 0


@dataclass
class Scheme:
    """A transliteration table: one source script into one target language."""
    name: str
    script: str
    target: str
    langs: list[str]
    classes: dict[str, str]
    case: str  # "source" (follow the source word) or "title"
    lower: set[str]
    syllables: bool
    ignore: set[str]
    rules: list[TRule]
    by_first: dict[str, list[TRule]] = field(default_factory=dict)
    whole: dict[str, list[TRule]] = field(default_factory=dict)

    def index(self):
        for r in sorted(self.rules, key=lambda r: (-len(r.src), r.line)):
            if r.whole:
                self.whole.setdefault(r.src, []).append(r)
            else:
                self.by_first.setdefault(r.src[0], []).append(r)

    def _word_ok(self, r: TRule, pos: int, n: int) -> bool:
        if r.word is None:
            return True
        return {"first": pos == 0, "last": pos == n - 1,
                "notfirst": pos != 0, "notlast": pos != n - 1}[r.word]

    def _lang_ok(self, r: TRule, lang: str) -> bool:
        return r.langs is None or lang in r.langs

    def word(self, w: str, lang: str, pos: int, n: int) -> str:
        """Transliterates one source word (no spaces; hyphens split it into parts)."""
        parts = w.split("-")
        return "-".join(self._part(p, lang, pos, n) for p in parts)

    def _part(self, p: str, lang: str, pos: int, n: int) -> str:
        if p and all(ord(c) < 0x250 or c in "ʼ'’" for c in p):
            return p  # a Latin word in the source form is kept as written
        low = p.lower()
        if self.script == "arabic":
            low = _canonical_arabic(low)
        for r in self.whole.get(low, []):
            if self._lang_ok(r, lang) and self._word_ok(r, pos, n):
                return self._case(p, r.out)
        out: list[str] = []
        i = 0
        while i < len(low):
            c = low[i]
            if c in self.ignore:
                i += 1
                continue
            prev = _prev_char(low, i, self.ignore)
            for r in self.by_first.get(c, []):
                if not low.startswith(r.src, i):
                    continue
                if not (self._lang_ok(r, lang) and self._word_ok(r, pos, n)):
                    continue
                nxt = _next_char(low, i + len(r.src), self.ignore)
                if r.after and not r.after.test(prev, self.classes):
                    continue
                if r.before and not r.before.test(nxt, self.classes):
                    continue
                if r.out == "%double":
                    if out and len(out[-1]) == 1:
                        out.append(out[-1])
                else:
                    out.append(r.out)
                i += len(r.src)
                break
            else:
                if c.isascii() and (c.isalpha() or c in "'"):
                    out.append(c)
                    i += 1
                else:
                    raise ValueError(f"{self.name}: no rule for {c!r} (U+{ord(c):04X}) in {p!r}")
        return self._case(p, "".join(out))

    def _case(self, src: str, out: str) -> str:
        if not out:
            return out
        if self.case == "source":
            return out[0].upper() + out[1:] if src[:1].isupper() else out
        # title: every hyphen part capitalized, except the particles of @lower
        pieces = out.split("-")
        res = []
        for k, piece in enumerate(pieces):
            if piece in self.lower and (k < len(pieces) - 1 or len(pieces) == 1):
                res.append(piece)
            else:
                res.append(piece[:1].upper() + piece[1:])
        return "-".join(res)

    def name_form(self, source: str, lang: str) -> str:
        """Transliterates a whole name (space-separated words)."""
        words = source.split()
        if self.syllables:
            words = _syllables(words)
        n = len(words)
        return " ".join(self.word(w, lang, k, n) for k, w in enumerate(words))


_HARAKAT = "\u064e\u064f\u0650\u064b\u064c\u064d"
_SHADDA = "\u0651"


def _canonical_arabic(s: str) -> str:
    """Puts a shadda right after its consonant (Unicode orders it after the vowel sign)."""
    return re.sub(f"([{_HARAKAT}]){_SHADDA}", f"{_SHADDA}\\1", s)


def _prev_char(s: str, i: int, ignore: set[str]) -> str | None:
    j = i - 1
    while j >= 0 and s[j] in ignore:
        j -= 1
    return s[j] if j >= 0 else None


def _next_char(s: str, i: int, ignore: set[str]) -> str | None:
    while i < len(s) and s[i] in ignore:
        i += 1
    return s[i] if i < len(s) else None


def _syllables(words: list[str]) -> list[str]:
    """Hangul: every syllable a word of its own ("김정은" → 김 정 은), decomposed into
    conjoining jamo (choseong, jungseong, jongseong)."""
    out = []
    for w in words:
        for ch in w:
            out.append(unicodedata.normalize("NFD", ch))
    return out


def _parse_cond(v: str) -> Cond:
    neg = v.startswith("!")
    if neg:
        v = v[1:]
    return Cond(neg, v.split(","))


def load_scheme(path: str) -> Scheme:
    name = os.path.splitext(os.path.basename(path))[0]
    script, _, target = name.partition("-")
    classes: dict[str, str] = {}
    rules: list[TRule] = []
    langs: list[str] = []
    case = "source"
    lower: set[str] = set()
    syllables = False
    ignore: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0].startswith("@"):
                key, vals = cols[0][1:], cols[1:]
                if key == "class":
                    classes[vals[0]] = vals[1]
                elif key == "langs":
                    langs = vals[0].split()
                elif key == "case":
                    case = vals[0]
                elif key == "lower":
                    lower = set(vals[0].split())
                elif key == "syllables":
                    syllables = True
                elif key == "ignore":
                    ignore = set(vals[0])
                else:
                    raise ValueError(f"{path}:{no}: unknown directive @{key}")
                continue
            if len(cols) < 2:
                raise ValueError(f"{path}:{no}: want FROM<TAB>TO[<TAB>conditions]")
            src, out = cols[0], cols[1]
            if script == "arabic":
                src = _canonical_arabic(src)
            r = TRule(src=src, out=out, line=no)
            if src.startswith("=") and len(src) > 1:
                r.whole, r.src = True, src[1:].lower()
            if out == "-":
                r.out = ""
            for cond in (cols[2].split() if len(cols) > 2 else []):
                k, _, v = cond.partition("=")
                if k == "lang":
                    r.langs = frozenset(v.split(","))
                elif k == "after":
                    r.after = _parse_cond(v)
                elif k == "before":
                    r.before = _parse_cond(v)
                elif k == "word":
                    r.word = v
                else:
                    raise ValueError(f"{path}:{no}: unknown condition {cond!r}")
            rules.append(r)
    s = Scheme(name, script, target, langs, classes, case, lower, syllables, ignore, rules)
    s.index()
    return s


def load_schemes(directory: str = TRANSLIT_DIR) -> dict[tuple[str, str], Scheme]:
    out = {}
    for fn in sorted(os.listdir(directory)):
        if fn.endswith(".tsv"):
            s = load_scheme(os.path.join(directory, fn))
            out[(s.script, s.target)] = s
    return out


# ---------------------------------------------------------------------------------------
# The source list
# ---------------------------------------------------------------------------------------

@dataclass
class Person:
    row: int
    en: list[str]
    country: str
    role: str
    lang: str
    script: dict[str, str]          # source language → source-script form
    curated: dict[str, list[str]]   # language → forms
    ap: str
    reuters: str
    keep: list[str]
    nogen: set[str]
    note: str


def split_list(v: str) -> list[str]:
    return [x.strip() for x in v.split("|") if x.strip()]


def load_people(path: str = PEOPLE_CSV) -> list[Person]:
    people = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    reader = csv.reader(lines)
    header = next(reader)
    if header != COLUMNS:
        raise ValueError(f"{path}: header must be {','.join(COLUMNS)}")
    for k, row in enumerate(reader, 2):
        if not any(x.strip() for x in row):
            continue
        if len(row) != len(COLUMNS):
            raise ValueError(f"{path}: row {k} ({row[:1]}) has {len(row)} columns, not {len(COLUMNS)}")
        d = dict(zip(COLUMNS, row))
        script = {}
        for item in split_list(d["script"]):
            sl, _, text = item.partition(":")
            if sl not in SCRIPT_OF or not text.strip():
                raise ValueError(f"{path}: row {k}: script item {item!r} must be LANG:text")
            script[sl] = text.strip()
        p = Person(
            row=k,
            en=split_list(d["en"]),
            country=d["country"].strip(),
            role=d["role"].strip(),
            lang=d["lang"].strip(),
            script=script,
            curated={lang: split_list(d[lang]) for lang in LANGS if d[lang].strip()},
            ap=d["ap"].strip(),
            reuters=d["reuters"].strip(),
            keep=split_list(d["keep"]),
            nogen=set(d["nogen"].split()),
            note=d["note"].strip(),
        )
        validate_person(p, path)
        people.append(p)
    return people


def validate_person(p: Person, path: str):
    where = f"{path}: row {p.row} ({p.en[0] if p.en else '?'})"
    if not p.en or not p.country or not p.role or not p.lang:
        raise ValueError(f"{where}: en, country, role and lang are required")
    for house in (p.ap, p.reuters):
        if house and house not in p.en:
            raise ValueError(f"{where}: ap/reuters form {house!r} is not an en form")
    bad = p.nogen - set(SCRIPT_PREFERENCE) - {"*"}
    if bad:
        raise ValueError(f"{where}: nogen {sorted(bad)} has no generated language")
    # A one-word curated form must be a surname: the last word of one of the person's
    # longer forms (first-name-only variants are not allowed).
    for lang, forms in p.curated.items():
        multi = [f for fs in p.curated.values() for f in fs if " " in f]
        lasts = {fold(f.split()[-1]) for f in multi}
        for f in forms:
            if " " not in f and fold(f) not in lasts and not re.search(r"\b[IVX]+\.?$", f):
                raise ValueError(f"{where}: one-word {lang} form {f!r} is not the last word "
                                 "of a longer form (first-name-only variants are not allowed)")


# ---------------------------------------------------------------------------------------
# Generation and filters
# ---------------------------------------------------------------------------------------

@dataclass
class Variant:
    person: int
    lang: str
    form: str
    origin: str  # "generated" / "curated" / "both"


def load_words(path: str = WORDS_FILE) -> set[str]:
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: apt-get update && apt-get install wamerican")
    words = set()
    with open(path, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and not w.endswith("'s"):
                words.add(fold(w))
    return words


def english_surname_words(p: Person) -> int:
    """How many trailing words the person's shortest English surname-only form has (the
    English forms that are a word suffix of the preferred one), or 0 if none."""
    first = p.en[0].split()
    best = 0
    for e in p.en[1:]:
        ws = e.split()
        if len(ws) < len(first) and [fold(x) for x in first[-len(ws):]] == [fold(x) for x in ws]:
            best = len(ws) if not best else min(best, len(ws))
    return best


def generate_forms(p: Person, schemes: dict[tuple[str, str], Scheme]) -> dict[str, list[str]]:
    """The generated romanizations of a person, by target language: the full name, and the
    surname alone when English news uses this person's surname alone."""
    out: dict[str, list[str]] = {}
    if not p.script or "*" in p.nogen:
        return out
    nsur = english_surname_words(p)
    for target, prefs in SCRIPT_PREFERENCE.items():
        if target in p.nogen:
            continue
        src_lang = next((sl for sl in prefs if sl in p.script), None)
        if src_lang is None:
            continue
        scheme = schemes.get((SCRIPT_OF[src_lang], target))
        if scheme is None or (scheme.langs and src_lang not in scheme.langs):
            continue
        full = scheme.name_form(p.script[src_lang], src_lang)
        forms = [full]
        words = full.split()
        if nsur and len(words) > nsur:
            forms.append(" ".join(words[-nsur:]))
        out[target] = forms
    return out


@dataclass
class Result:
    people: list[Person]
    kept: dict[int, dict[str, list[Variant]]]
    dropped: list[tuple[str, Variant, str]]  # (filter, variant, detail)
    generated_total: int
    curated_total: int


FILTERS = ["english-form", "english-word", "diacritics-only", "shared"]


def build(people: list[Person], schemes, words: set[str]) -> Result:
    # every English form of every person, folded → the people who own it
    en_owner: dict[str, set[int]] = {}
    for i, p in enumerate(people):
        for e in p.en:
            en_owner.setdefault(fold(e), set()).add(i)

    cands: list[Variant] = []
    gen_total = cur_total = 0
    for i, p in enumerate(people):
        gen = generate_forms(p, schemes)
        seen: dict[tuple[str, str], Variant] = {}
        for lang, forms in gen.items():
            for f in forms:
                gen_total += 1
                v = Variant(i, lang, f, "generated")
                seen[(lang, f)] = v
                cands.append(v)
        for lang, forms in p.curated.items():
            for f in forms:
                cur_total += 1
                if (lang, f) in seen:
                    seen[(lang, f)].origin = "both"
                    continue
                v = Variant(i, lang, f, "curated")
                seen[(lang, f)] = v
                cands.append(v)

    dropped: list[tuple[str, Variant, str]] = []
    survivors: list[Variant] = []
    for v in cands:
        p = people[v.person]
        fv = fold(v.form)
        owners = en_owner.get(fv, set())
        # (a) equal to an English form of any person (case ignored; the same person's
        #     forms that differ only by diacritics go to filter c)
        if owners - {v.person}:
            other = people[min(owners - {v.person})].en[0]
            dropped.append(("english-form", v, f"English form of {other}"))
            continue
        same = [e for e in p.en if fold(e) == fv]
        if any(fold_case(e) == fold_case(v.form) for e in same):
            dropped.append(("english-form", v, "one of its own English forms"))
            continue
        # (b) an English word (a one-word variant; the dictionary has proper names too)
        if " " not in fv and fv in words:
            dropped.append(("english-word", v, "in " + os.path.basename(WORDS_FILE)))
            continue
        # (c) only diacritics tell it from the person's English form: kept only when it
        #     adds a diacritic foreign to the name's own language
        if same:
            extra = diacritics_of(v.form) - set().union(*(diacritics_of(e) for e in same))
            native = set(NATIVE_DIACRITICS.get(p.lang, ""))
            if not extra or extra <= native:
                dropped.append(("diacritics-only", v, f"{p.lang} letters {''.join(sorted(extra))}"))
                continue
        survivors.append(v)

    # (d) the same variant for two different people
    owners_of: dict[str, set[int]] = {}
    for v in survivors:
        owners_of.setdefault(fold(v.form), set()).add(v.person)
    kept: dict[int, dict[str, list[Variant]]] = {}
    for v in survivors:
        who = owners_of[fold(v.form)]
        if len(who) > 1:
            names = ", ".join(sorted(people[j].en[0] for j in who))
            dropped.append(("shared", v, names))
            continue
        kept.setdefault(v.person, {}).setdefault(v.lang, []).append(v)
    return Result(people, kept, dropped, gen_total, cur_total)


# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------

RULE = '''[[rule]]
code = "PPL901"
name = "foreign-person-name"
kind = "entity"
entity = "person"
family = "name"
message = "“{text}” is the {lang} spelling of this name: English-language news writes “{canonical}”."
why = "Each language's press writes foreign names its own way: French Poutine and Netanyahou, German Selenskyj and Lawrow, Polish Ławrow and Łukaszenka, Spanish Serguéi Lavrov. Machine translation often carries these forms into English copy, where they read as misspellings; English-language news uses the English form (the wire services' spelling, or the official romanization)."
examples = [
  { bad = "The talks were hosted by {{Wladimir Putin}} at his residence.", fixed = "The talks were hosted by Vladimir Putin at his residence." },
  { bad = "Foreign Minister {{Lawrow}} rejected the offer.", fixed = "Foreign Minister Lavrov rejected the offer." },
  { bad = "{{Benyamin Netanyahou}} spoke to reporters late on Sunday.", fixed = "Benjamin Netanyahu spoke to reporters late on Sunday." },
  { bad = "a phone call with {{Kim Dzong Un}} last year", fixed = "a phone call with Kim Jong Un last year" },
  { good = "Foreign Minister Sergey Lavrov met Kim Jong Un, and President Zelenskyy met Alexander Lukashenko's opponent Sviatlana Tsikhanouskaya." },
  { good = "A Quebec poutine stand opened near the Kremlin, where Putin's spokesman Dmitri Peskov briefed reporters on Ukraine's President Zelenskiy." },
  { good = "Kim Jong Il, Kim Il Sung, Kim Yo Jong and Kim Jong-un are four different people." },
]
'''


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(xs: list[str]) -> str:
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


def sort_key(s: str):
    return (fold(s), s)


def render(res: Result) -> str:
    people = res.people
    per_lang = {lang: 0 for lang in LANGS}
    for forms in res.kept.values():
        for lang, vs in forms.items():
            per_lang[lang] += len(vs)
    countries = {p.country for p in people}
    drop_counts = {f: 0 for f in FILTERS}
    for f, _, _ in res.dropped:
        drop_counts[f] += 1
    lines = [
        "# GENERATED FILE: do not edit by hand.",
        "# Regenerate with `python3 rules/people/generate.py`; `--check` tells whether it is stale.",
        "# Edit rules/people/people.csv (the curated list) or rules/people/translit/*.tsv instead.",
        f"# {len(people)} people from {len(countries)} countries; "
        + ", ".join(f"{LANG_NAMES[lang]} {per_lang[lang]}" for lang in LANGS) + " variant forms.",
        "# Variants dropped by the filters: "
        + ", ".join(f"{k} {v}" for k, v in drop_counts.items()) + ".",
        "",
        "[pack]",
        'name = "people-gazetteer"',
        'prefix = "PPL"',
        'source = "any"',
        'family = "name"',
        'description = "People in international news (heads of state and government, ministers, '
        'spokespeople, central bankers, commanders, opposition leaders, heads of international '
        'bodies): their English forms, and the forms the French, German, Spanish, Italian, Polish '
        'and Russian-romanizing press gives them."',
        'provenance = "Curated by the mtlint project from public knowledge of officials\' names '
        'and the spellings the English-language, French, German, Spanish, Italian and Polish '
        'press uses for them (facts only; no third-party text). French, German and Polish '
        'romanizations of Cyrillic, Arabic and Korean names are generated with transliteration '
        'tables written for the project (rules/people/translit/). Filtered with Debian '
        'wamerican (filter only; none of its data is included). Generated by '
        'rules/people/generate.py from rules/people/people.csv."',
        "",
        RULE,
    ]
    order = sorted(range(len(people)), key=lambda i: sort_key(people[i].en[0]))
    for i in order:
        p = people[i]
        lines.append("[[entry]]")
        lines.append('type = "person"')
        lines.append(f"en = {toml_list(p.en)}")
        forms = res.kept.get(i, {})
        for lang in LANGS:
            vs = forms.get(lang)
            if vs:
                lines.append(f"{lang} = {toml_list(sorted({v.form for v in vs}, key=sort_key))}")
        if p.ap:
            lines.append(f"ap = {toml_str(p.ap)}")
        if p.reuters:
            lines.append(f"reuters = {toml_str(p.reuters)}")
        if p.keep and forms:
            lines.append(f"keep = {toml_list(p.keep)}")
        note = f"{p.country}: {p.role}"
        if p.note:
            note += f". {p.note}"
        lines.append(f"note = {toml_str(note)}")
        lines.append("")
    return "\n".join(lines)


def stats(res: Result) -> str:
    people = res.people
    out = []
    countries = sorted({p.country for p in people})
    out.append(f"people {len(people)}, countries {len(countries)}")
    with_variants = sum(1 for i in range(len(people)) if res.kept.get(i))
    out.append(f"people with at least one variant {with_variants}")
    out.append(f"candidates: generated {res.generated_total}, curated {res.curated_total}")
    for lang in LANGS:
        vs = [v for forms in res.kept.values() for v in forms.get(lang, [])]
        by = {o: sum(1 for v in vs if v.origin == o) for o in ("generated", "both", "curated")}
        out.append(f"  {lang}: {len(vs)} kept (generated only {by['generated']}, generated and "
                   f"curated {by['both']}, curated only {by['curated']})")
    # How the tables fare against the curated forms: generate with `nogen` ignored and see
    # which curated French, German and Polish forms of script-bearing people they produce.
    schemes = load_schemes()
    scripted = [p for p in people if p.script]
    cur = hit = suppressed = 0
    for p in scripted:
        free = Person(**{**p.__dict__, "nogen": set()})
        gen = generate_forms(free, schemes)
        kept_gen = generate_forms(p, schemes)
        suppressed += sum(len(v) for k, v in gen.items() if k not in kept_gen)
        for lang in SCRIPT_PREFERENCE:
            for f in p.curated.get(lang, []):
                cur += 1
                hit += f in gen.get(lang, [])
    out.append(f"people with a source-script form {len(scripted)}; generated forms suppressed by "
               f"nogen {suppressed}; curated fr/de/pl forms of these people {cur}, of which the "
               f"tables produce {hit} (curated exceptions {cur - hit})")
    for f in FILTERS:
        ds = [d for d in res.dropped if d[0] == f]
        gen = sum(1 for d in ds if d[1].origin in ("generated", "both"))
        out.append(f"  dropped by {f}: {len(ds)} ({gen} generated, {len(ds) - gen} curated only)")
    return "\n".join(out)


def overlap(res: Result, words: set[str]) -> str:
    """How many of the variants dropped as English forms are dictionary words too."""
    ds = [v for f, v, _ in res.dropped if f == "english-form"]
    both = sum(1 for v in ds if " " not in v.form and fold(v.form) in words)
    return f"  of the english-form drops, {both} are one-word dictionary entries as well (filter b)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--dropped", action="store_true")
    ap.add_argument("--forms", action="store_true")
    ap.add_argument("--translit", nargs=2, metavar=("LANG:TEXT", "TARGET"))
    args = ap.parse_args(argv)
    schemes = load_schemes()
    if args.translit:
        sl, _, text = args.translit[0].partition(":")
        print(schemes[(SCRIPT_OF[sl], args.translit[1])].name_form(text, sl))
        return 0
    words = load_words()
    res = build(load_people(), schemes, words)
    text = render(res)
    if args.stats:
        print(stats(res))
        print(overlap(res, words))
    if args.dropped:
        for f, v, why in sorted(res.dropped, key=lambda d: (d[0], d[1].lang, fold(d[1].form))):
            print(f"{f}\t{v.lang}\t{v.origin}\t{v.form}\t{res.people[v.person].en[0]}\t{why}")
    if args.forms:
        for i, forms in sorted(res.kept.items(), key=lambda kv: fold(res.people[kv[0]].en[0])):
            for lang in LANGS:
                for v in sorted(forms.get(lang, []), key=lambda v: fold(v.form)):
                    print(f"{res.people[i].en[0]}\t{lang}\t{v.origin}\t{v.form}")
    if args.stats or args.dropped or args.forms:
        return 0
    if args.check:
        try:
            with open(OUTPUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            print(f"{os.path.relpath(OUTPUT)} is stale: run python3 rules/people/generate.py",
                  file=sys.stderr)
            return 1
        return 0
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
