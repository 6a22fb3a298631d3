#!/usr/bin/env bash
# Times `mtlint check` over a directory of 10,000 generated articles (benches/generate.py)
# on every core and on one thread: the figure issue 5 asks for (wall time and speed-up).
#   benches/many_files.sh [DIR] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-target/bench/articles-10k}"
count="${2:-10000}"
if [ ! -d "$dir" ]; then
  python3 benches/generate.py files "$dir" "$count"
fi
cargo build --release --locked --quiet
bin=target/release/mtlint
echo "$(find "$dir" -name '*.txt' | wc -l) files, $(du -sh "$dir" | cut -f1), $(nproc) cores"
hyperfine -N --warmup 1 --runs "${RUNS:-5}" \
  "$bin check --format json --fail-on never --threads 1 $dir" \
  "$bin check --format json --fail-on never $dir"
