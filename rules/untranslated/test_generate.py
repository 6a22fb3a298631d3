"""Tests of generate.py: the classification of function words, and that the committed
files are what the generator writes (the same check as `generate.py --check`)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402


class FunctionWords(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.english = generate.english_words()
        cls.words = generate.function_words(cls.english)

    def test_articles_are_strong_in_their_languages(self):
        self.assertEqual(self.words["der"], ({"de"}, "strong"))
        langs, strength = self.words["de"]
        self.assertEqual(strength, "strong")
        self.assertTrue({"fr", "es", "pt"} <= langs)
        self.assertEqual(self.words["della"], ({"it"}, "strong"))

    def test_english_words_are_weak_or_dropped(self):
        # "la" and "die" are English words too: weak, counting only beside a strong one.
        self.assertEqual(self.words["la"][1], "weak")
        self.assertEqual(self.words["die"][1], "weak")
        # Very common English words never count.
        for w in ["in", "also", "will", "man", "come", "era", "a"]:
            self.assertNotIn(w, self.words, w)

    def test_elisions_and_letters(self):
        self.assertEqual(self.words["l'"][1], "strong")
        self.assertIn("à", self.words)
        self.assertNotIn("y", self.words)
        self.assertTrue(all(generate.WORD.match(w) or w.endswith("'") for w in self.words))

    def test_committed_files_are_current(self):
        for path, text in generate.outputs().items():
            with open(path, encoding="utf-8") as f:
                self.assertEqual(f.read(), text, os.path.basename(path))


if __name__ == "__main__":
    unittest.main()
