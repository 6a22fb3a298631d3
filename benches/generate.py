#!/usr/bin/env python3
"""Generates news-like benchmark input from the corpus articles.

Every paragraph of the development corpus (machine-translated and clean articles; the
held-out set is left out so that it stays unseen) goes into a pool; generated articles
are random runs of paragraphs from that pool, with a fixed seed, so the mix of artifacts
and clean prose matches the corpus and every run produces the same bytes.

    benches/generate.py files DIR N        # N articles as DIR/0000/000000.txt ...
    benches/generate.py single FILE MB     # one file of about MB megabytes

With --clean, only the clean (correctly edited) articles are drawn from: news text with
next to no findings, what issue 7's throughput targets are stated on.
"""

import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def paragraphs(clean=False):
    pool = []
    for path in sorted(CORPUS.rglob("*.txt")):
        if "heldout" in path.parts or (clean and "clean" not in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        pool.extend(p.strip() for p in text.split("\n\n") if p.strip())
    if not pool:
        sys.exit("no corpus paragraphs found")
    return pool


def article(rng, pool):
    n = rng.randint(6, 14)
    start = rng.randrange(len(pool))
    # Consecutive paragraphs keep an article's names together (the consistency check
    # sees realistic documents); a random second run mixes sources.
    first = [pool[(start + i) % len(pool)] for i in range(n // 2)]
    second = rng.sample(pool, n - n // 2)
    return "\n\n".join(first + second) + "\n"


def main(argv):
    clean = "--clean" in argv
    argv = [a for a in argv if a != "--clean"]
    if len(argv) != 4 or argv[1] not in ("files", "single"):
        sys.exit(__doc__)
    rng = random.Random(20261127)
    pool = paragraphs(clean)
    if argv[1] == "files":
        out, count = pathlib.Path(argv[2]), int(argv[3])
        for i in range(count):
            d = out / f"{i // 1000:04d}"
            d.mkdir(parents=True, exist_ok=True)
            (d / f"{i:06d}.txt").write_text(article(rng, pool), encoding="utf-8")
    else:
        target = int(float(argv[3]) * 1_000_000)
        size = 0
        with open(argv[2], "w", encoding="utf-8") as f:
            while size < target:
                a = article(rng, pool) + "\n"
                f.write(a)
                size += len(a.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv)
