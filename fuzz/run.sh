#!/usr/bin/env bash
# Runs every fuzz target (or those in $TARGETS) for a bounded time and prints a summary:
# target, runs, execs/s, new crash artifacts, status.
#
#   fuzz/run.sh [SECONDS]        # default 600 per target
#   JOBS=2 fuzz/run.sh 60        # two targets at a time
#   TARGETS="engine html" fuzz/run.sh 300
#
# Environment: JOBS (targets run at once, default 1), TARGETS, TIMEOUT (seconds one input
# may take before libFuzzer calls it a hang, default 10), SANITIZER (none, the default:
# panics are what is looked for, and the code is safe Rust but for the gate's AVX2 search
# in src/checks/gate/avx2.rs; after a change there, run the engine target with
# `address`, which halves the speed),
# TOOLCHAIN (default nightly; when `cargo +nightly` is missing, RUSTC_BOOTSTRAP=1 on
# the default toolchain). Corpora grow in fuzz/corpus/<target> (seeded from
# fuzz/seeds/<target>), crashes land in fuzz/artifacts/<target>, logs in fuzz/logs.
set -u
SECS=${1:-600}
JOBS=${JOBS:-1}
TIMEOUT=${TIMEOUT:-10}
SANITIZER=${SANITIZER:-none}
TARGETS=${TARGETS:-"engine loader config markdown html nitf newsml jsonl"}
cd "$(dirname "$0")"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}

if cargo +"${TOOLCHAIN:-nightly}" --version >/dev/null 2>&1; then
    CARGO=(cargo +"${TOOLCHAIN:-nightly}")
else
    export RUSTC_BOOTSTRAP=1
    CARGO=(cargo)
fi
FLAGS=(--sanitizer "$SANITIZER" --debug-assertions)
"${CARGO[@]}" fuzz --version >/dev/null 2>&1 || {
    echo "fuzz/run.sh: cargo-fuzz is missing; install it once with: cargo install cargo-fuzz --locked" >&2
    exit 2
}

mkdir -p logs
echo "building fuzz targets…" >&2
"${CARGO[@]}" fuzz build "${FLAGS[@]}" >logs/build.log 2>&1 || {
    cat logs/build.log >&2
    exit 2
}

run_one() {
    local t=$1
    mkdir -p "corpus/$t" "artifacts/$t"
    local before
    before=$(ls "artifacts/$t" | wc -l)
    "${CARGO[@]}" fuzz run "${FLAGS[@]}" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECS" -timeout="$TIMEOUT" -print_final_stats=1 \
        >"logs/$t.log" 2>&1
    local rc=$?
    local after runs speed
    after=$(ls "artifacts/$t" | wc -l)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    printf '%-10s %12s %10s %8s %s\n' "$t" "${runs:-?}" "${speed:-?}" "$((after - before))" \
        "$([ $rc -eq 0 ] && echo ok || echo "exit $rc, see fuzz/logs/$t.log")" >"logs/$t.summary"
}

running=0
for t in $TARGETS; do
    echo "fuzzing $t for ${SECS}s…" >&2
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

printf '%-10s %12s %10s %8s %s\n' target runs execs/s crashes status
status=0
for t in $TARGETS; do
    cat "logs/$t.summary"
    grep -q ' ok$' "logs/$t.summary" || status=1
done
exit $status
