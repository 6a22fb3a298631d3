//! No input crashes the linter, and every span it reports is valid: deterministic
//! pseudo-random documents built from the characters that stress a tokenizer and the
//! rules (BOM, NUL, combining marks, CR-only line ends, every quote and dash, digits with
//! every locale separator, right-to-left text, emoji, rule phrases cut in pieces).

use mtlint::Linter;

/// xorshift64*: a fixed sequence, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "\u{feff}",
    "\0",
    "\r",
    "\n",
    "\r\n",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\t",
    "e\u{301}",
    "\u{301}",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "-",
    "‐",
    "—",
    "(",
    ")",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "1",
    "22",
    "200",
    "1 200",
    "2,5",
    "12.000",
    "10:32",
    "22 h 32",
    "14h30",
    "p.m.",
    "U.S.",
    "Gen.",
    "Kim",
    "Jong",
    "-un",
    "Un",
    "Kim Jong-uni",
    "Koursk",
    "OTAN",
    "(KCNA)",
    "reflection",
    "group",
    "narrower",
    "Odessa",
    "Texas",
    "Kiev",
    "chicken",
    "Poutine",
    "Houliaïpole",
    "Lwów",
    "known in Polish as",
    "שלום",
    "مرحبا",
    "😀",
    "\u{200b}",
    "Москва",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "Zelensky",
    "Zelenskyy",
    "(Seoul) ",
    "Posted at 1:00 a.m.",
    "'s",
    "’s",
    "Mrd.",
    "z.B.",
    "$",
    "€",
    "%",
    "\u{2028}",
    "a",
    "The",
    "the",
];

#[test]
fn random_documents_never_panic_and_spans_are_valid() {
    let linter = Linter::builtin().expect("built-in packs load");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..600 {
        let len = (rng.next() % 60) as usize;
        let doc: String = (0..len).map(|_| rng.pick(PIECES)).collect();
        for d in linter.lint(&doc) {
            assert!(
                d.span.start < d.span.end && d.span.end <= doc.len(),
                "round {round}: span {:?} in {doc:?}",
                d.span
            );
            assert!(
                doc.is_char_boundary(d.span.start) && doc.is_char_boundary(d.span.end),
                "round {round}: {doc:?}"
            );
            // Applying every fix keeps the text valid UTF-8 and ends in bounds.
            let (fixed, _) = mtlint::fix::apply(&doc, std::slice::from_ref(&d), |_| true);
            assert!(fixed.len() < doc.len() + 200, "round {round}");
        }
    }
}

#[test]
fn degenerate_documents() {
    let linter = Linter::builtin().expect("built-in packs load");
    let long_word = "a".repeat(100_000);
    let many_lines = "\n".repeat(50_000);
    let many_caps = "Kim ".repeat(20_000);
    for doc in [
        "",
        " ",
        "\u{feff}",
        "\0\0\0",
        "\r\r\r",
        "((((((((",
        "«««««",
        long_word.as_str(),
        many_lines.as_str(),
        many_caps.as_str(),
    ] {
        let _ = linter.lint(doc);
    }
}
