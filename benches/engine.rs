//! Micro-benchmarks of the hot paths: preparing a document (tokens, folded stream,
//! sentences), linting a whole article with every built-in rule, and building the
//! linter (start-up). Whole runs over 100 MB are timed by `benches/throughput.sh`.
//!
//!     cargo bench --bench engine

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mtlint::{Document, Linter};
use std::hint::black_box;
use std::path::Path;

/// A corpus article, read from the repository.
fn article(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bench(c: &mut Criterion) {
    let linter = Linter::builtin().expect("built-in rules load");
    let articles = [
        ("clean", article("corpus/clean/eu-australia-trade.txt")),
        ("mt-fr", article("corpus/fr-en/france-budget-censure.txt")),
        ("mt-de", article("corpus/de-en/bundestag-budget-2027.txt")),
    ];
    let mut g = c.benchmark_group("article");
    for (name, text) in &articles {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("document/{name}"), |b| {
            b.iter(|| Document::new(black_box(text)))
        });
        g.bench_function(format!("lint/{name}"), |b| {
            b.iter(|| linter.lint(black_box(text)))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("start-up");
    g.sample_size(10);
    g.bench_function("Linter::builtin", |b| b.iter(Linter::builtin));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
