#!/usr/bin/env bash
# Whole-run figures for issue 7, on generated clean news text (benches/generate.py
# --clean): single-thread throughput against ripgrep searching mtlint's own literal
# patterns (`rg -F -w -f`, the practical limit of multi-pattern search), linear growth
# from 10 MB to 100 MB, peak memory on 100 MB, start-up on a one-line file, and the
# speed-up on all cores over many files. Also timed, for information: the 100 MB file on
# all cores (a large file's blocks are linted in parallel; ripgrep searches one file on
# one thread).
#
#   benches/throughput.sh [WORKDIR]      (default /tmp/mtlint-bench; needs hyperfine, rg)
#
# Run it on an idle machine: every figure is wall-clock time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/mtlint-bench}
BIN=${MTLINT_BIN:-$ROOT/target/release/mtlint}
RUNS=${RUNS:-3}
mkdir -p "$WORK"

for tool in hyperfine rg python3; do
  command -v "$tool" >/dev/null || { echo "throughput.sh: $tool is required" >&2; exit 2; }
done
if [ -z "${MTLINT_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi

gen() { # gen ARGS... OUTPUT: generate once, keep across runs (the generator is seeded)
  local out=${*: -1}
  [ -e "$out" ] || python3 "$ROOT/benches/generate.py" "$@" --clean
}
gen single "$WORK/clean10.txt" 10
gen single "$WORK/clean100.txt" 100
[ -d "$WORK/files" ] || python3 "$ROOT/benches/generate.py" files "$WORK/files" 20000 --clean
echo "The minister met his counterpart in Paris on Tuesday." > "$WORK/one-line.txt"

# mtlint's literal patterns, unpadded, one per line, as ripgrep reads them.
"$BIN" rules --patterns | sed 's/^ *//; s/ *$//' | grep -v '^$' | sort -u > "$WORK/patterns.txt"
echo "patterns: $(wc -l < "$WORK/patterns.txt")"

check() { echo "$BIN check --fail-on never --format json --no-config $*"; }

hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/single.json" \
  -n "mtlint 1 thread, 10 MB" "$(check --threads 1 "$WORK/clean10.txt")" \
  -n "mtlint 1 thread, 100 MB" "$(check --threads 1 "$WORK/clean100.txt")" \
  -n "mtlint all cores, 100 MB" "$(check "$WORK/clean100.txt")" \
  -n "rg -F -w -f, 1 thread, 100 MB" "rg -j1 -F -w -c -f $WORK/patterns.txt $WORK/clean100.txt"

hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/files.json" \
  -n "mtlint many files, 1 thread" "$(check --threads 1 "$WORK/files")" \
  -n "mtlint many files, all cores" "$(check "$WORK/files")"

hyperfine -N --warmup 10 --runs 60 --export-json "$WORK/startup.json" \
  -n "start-up, one-line file" "$(check "$WORK/one-line.txt")"

# Peak resident memory of the 100 MB run (kilobytes, from GNU time or /proc).
peak_kb() {
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
  else
    python3 - "$@" <<'EOF'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
  fi
}
PEAK1=$(peak_kb $(check --threads 1 "$WORK/clean100.txt"))
PEAK=$(peak_kb $(check "$WORK/clean100.txt"))

python3 - "$WORK" "$PEAK1" "$PEAK" <<'EOF'
import json, os, sys
work, peak1, peak = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def mean(f, name):
    for r in json.load(open(os.path.join(work, f)))["results"]:
        if r["command"] == name:
            return r["mean"]
    raise SystemExit(f"no result {name}")
mb10 = os.path.getsize(os.path.join(work, "clean10.txt")) / 1e6
mb100 = os.path.getsize(os.path.join(work, "clean100.txt")) / 1e6
t10 = mean("single.json", "mtlint 1 thread, 10 MB")
t100 = mean("single.json", "mtlint 1 thread, 100 MB")
tn = mean("single.json", "mtlint all cores, 100 MB")
rg = mean("single.json", "rg -F -w -f, 1 thread, 100 MB")
f1 = mean("files.json", "mtlint many files, 1 thread")
fn = mean("files.json", "mtlint many files, all cores")
st = mean("startup.json", "start-up, one-line file")
rows = [
    ("single thread, 100 MB", f"{mb100 / t100:.1f} MB/s", ">= 50 MB/s"),
    ("ripgrep, same patterns, 1 thread", f"{mb100 / rg:.1f} MB/s", ""),
    ("mtlint / ripgrep, 1 thread", f"{rg / t100:.2f}x", ">= 0.8x"),
    ("100 MB time / 10 MB time", f"{t100 / t10:.2f}", "<= 11"),
    ("all cores, 100 MB (information)", f"{mb100 / tn:.1f} MB/s, {rg / tn:.2f}x ripgrep", ""),
    ("peak memory, 100 MB: 1 thread / all cores", f"{peak1 / 1024:.0f} / {peak / 1024:.0f} MB", "<= 100 MB"),
    ("start-up, one-line file", f"{st * 1000:.1f} ms", "<= 20 ms"),
    ("many files: 1 thread / all cores", f"{f1 / fn:.2f}x", ">= 1.8x on 2 cores"),
]
print()
print(f"| figure | measured | target |\n|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} |")
EOF
