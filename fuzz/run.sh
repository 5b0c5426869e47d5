#!/bin/sh
# Runs every fuzz target for a set time (default 600 s each), two at a time
# (FUZZ_JOBS=1: one after another),
# keeping new corpus entries in fuzz/corpus/<target>/ (gitignored).
# Crashes, timeouts and OOMs land in fuzz/artifacts/<target>/.
#
#   fuzz/run.sh [seconds] [target...]
#
# Each run ends with a line "<target> <seconds> s, <execs> execs, <rate>
# exec/s" in fuzz/logs/summary.txt, the numbers docs/robustness.md records.
# FUZZ_NO_BUILD=1 skips the build (use what is built).
# -O -a: optimised, but with overflow checks and debug assertions on, so an
# arithmetic overflow is a crash here rather than a silent wrap in wasm.
# -timeout=1: anything slower than a second is a hang for a user's tab
# (FUZZ_TIMEOUT=N raises it when a loaded machine makes 1 s fire on
# inputs that replay in a fraction of it; replay every timeout found).
# -rss_limit_mb=1024: a paste must not need more.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-split certificate pkcs7 pkcs12 private_key pfx_key_match key_match ocsp_response crl asn1_tree analyze verify_diff}
jobs=${FUZZ_JOBS:-2}
cd "$here"
[ -d corpus ] || ./seed.sh
mkdir -p logs
# `cargo fuzz build` takes one target or none (all of them).
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    if [ $# -eq 0 ]; then
        cargo +nightly fuzz build -O -a
    else
        for t in $targets; do cargo +nightly fuzz build -O -a "$t"; done
    fi
fi

run() {
    t=$1
    mkdir -p "corpus/$t" "artifacts/$t"
    log="logs/$t.log"
    # The built binary directly: `cargo fuzz run` would rebuild every
    # target whenever the core changes under a long run.
    "target/x86_64-unknown-linux-gnu/release/$t" "corpus/$t" \
        -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-1}" -rss_limit_mb=1024 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || true
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    found=$(ls "artifacts/$t" | wc -l)
    echo "$(date -u +%FT%TZ) $t ${secs} s, ${execs:-?} execs, ${rate:-?} exec/s, $found artifacts, timeout ${FUZZ_TIMEOUT:-1} s" | tee -a logs/summary.txt
}

running=0
for t in $targets; do
    run "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
