#!/usr/bin/env python3
"""Generate the word lists of the `untranslated` check (rules/untranslated/).

    python3 rules/untranslated/generate.py            # rewrite function-words.tsv, english.txt
    python3 rules/untranslated/generate.py --check    # exit 1 if a committed file is stale

Sources (README.md beside this file has the licences and the pinned install commands):

* Function words of French, German, Spanish, Italian and Portuguese: the stopword lists of
  PyPI ``stopwordsiso`` (stopwords-iso, MIT licence).
* English words: the word list of Debian ``wamerican`` (/usr/share/dict/american-english,
  SCOWL, permissive licence), lower-case entries only.

A foreign stopword that is also an English word (``la``, ``die``, ``pas``, ``son``) is
kept as a *weak* word: it only counts next to a *strong* one (``de la``, ``die der``), so
that English text around a loanword or a name never makes a run by itself. A few very
common English words are dropped outright (ENGLISH_COMMON). The check itself
(src/checks/untranslated.rs) embeds both files.

The output is deterministic: sorted, no clock, no locale, no hash order.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["fr", "de", "es", "it", "pt"]
PINNED = {"stopwordsiso": "0.7.1", "wamerican": "2020.12.07-2"}
DICT = "/usr/share/dict/american-english"
FUNCTION_WORDS = os.path.join(HERE, "function-words.tsv")
ENGLISH = os.path.join(HERE, "english.txt")

# Foreign stopwords whose English sense is too common for them to count even as weak
# words: "in", "also", "will", "man" (German), "come", "due" (Italian), "era" (Spanish).
ENGLISH_COMMON = set(
    """a an in on as is was so no do to me he her am also man will all come due state for
    has general certain different possible plus via stop sent mine six ex con final total
    local press solo era hi oh ah eh ha ho hem hum hop hep bah ore fine male tempo vale
    bin elf hat tag tat tun nun gross gut oft ins dies bald dank wart car comment force
    font hue pan pure rare suit tend tic ton unique relative multiple diverse seize parole
    mince favor logo boa sob sue circa dice ante embargo largo valor mayor pronto salvo
    dado anterior bravo beau premier aura quarto nova tens fora col press""".split()
)

# Elided forms: the token "l'économie" counts as the function word "l'".
ELISIONS = {
    "fr": ["l'", "d'", "qu'", "n'", "s'", "c'", "j'", "m'", "t'", "jusqu'", "lorsqu'",
           "puisqu'"],
    "it": ["l'", "dell'", "all'", "nell'", "dall'", "sull'", "un'", "quell'", "dev'"],
}

WORD = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")


def english_words() -> set[str]:
    with open(DICT, encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip().islower() and "'" not in w}


def function_words(english: set[str]) -> dict[str, tuple[set[str], str]]:
    import stopwordsiso

    out: dict[str, tuple[set[str], str]] = {}

    def add(word: str, lang: str, strength: str) -> None:
        langs, old = out.get(word, (set(), strength))
        langs.add(lang)
        # A word strong in one language is strong (it is not English either way).
        out[word] = (langs, "strong" if "strong" in (old, strength) else "weak")

    for lang in LANGS:
        for raw in stopwordsiso.stopwords(lang):
            w = unicodedata.normalize("NFC", raw.strip().lower().replace("\u2019", "'"))
            if not WORD.match(w) or w in ENGLISH_COMMON:
                continue
            # One-letter words ("y", "e", "o") are letters in English copy too; "à" is not.
            if len(w) < 2 and w.isascii():
                continue
            add(w, lang, "weak" if w in english else "strong")
        for e in ELISIONS.get(lang, []):
            add(e, lang, "strong")
    return out


def render_function_words(words: dict[str, tuple[set[str], str]]) -> str:
    lines = [
        "# Function words of fr de es it pt (stopwords-iso, MIT) that are not common English.",
        "# Regenerate with `python3 rules/untranslated/generate.py`; CI runs it with --check.",
        "# word\tlanguages\tstrength (weak: also an English word; counts only beside a strong one)",
    ]
    for w in sorted(words):
        langs, strength = words[w]
        lines.append(f"{w}\t{','.join(l for l in LANGS if l in langs)}\t{strength}")
    return "\n".join(lines) + "\n"


def render_english(words: set[str]) -> str:
    lines = [
        "# Lower-case English words of Debian wamerican 2020.12.07-2 (SCOWL).",
        "# Regenerate with `python3 rules/untranslated/generate.py`; CI runs it with --check.",
    ]
    lines.extend(sorted(words))
    return "\n".join(lines) + "\n"


def outputs() -> dict[str, str]:
    english = english_words()
    return {
        FUNCTION_WORDS: render_function_words(function_words(english)),
        ENGLISH: render_english(english),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a committed file differs from what would be generated")
    args = ap.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    if stale:
        for p in stale:
            print(f"{os.path.relpath(p)} is stale: run python3 rules/untranslated/generate.py",
                  file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
