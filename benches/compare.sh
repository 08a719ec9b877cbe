#!/usr/bin/env bash
# The batch targets of the README, measured through the release binary:
# 1,000 synthetic 20 KB reports linted on 2 threads (wall time, peak memory)
# and ripgrep finding every figure with its unit in the same files, for scale.
#
#   bash benches/compare.sh [COUNT] [BYTES] [FORMS_PER_MILLE]
#
# FORMS_PER_MILLE (default 0: the corpus the README figures were measured on)
# is how many reports in a thousand carry a 项目支出绩效自评表.
#
# Each command runs three times; the best wall time and its peak RSS are
# printed (the machines are shared, so the best run is the least disturbed).
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000}
bytes=${2:-20000}
forms=${3:-0}
corpus="target/bench-corpus-$count-$bytes"
if [ "$forms" != 0 ]; then
    corpus="$corpus-forms-$forms"
fi

cargo build --release --quiet --bin reportlint
cargo build --release --quiet -p reportlint-corpus
if [ ! -f "$corpus/manifest.json" ]; then
    target/release/corpus --count "$count" --bytes "$bytes" --seed 1 --faulty 300 --forms "$forms" --out "$corpus" >/dev/null
fi
echo "corpus: $count reports, $(du -sh --exclude=manifest.json "$corpus" | cut -f1), in $corpus"

# best WALL_SECONDS PEAK_KB of three runs of "$@"
best() {
    local best_wall="" best_peak="" measured
    measured=$(mktemp)
    for _ in 1 2 3; do
        # Wall time from bash's microsecond clock (/usr/bin/time's %e has
        # 10 ms steps, too coarse for ripgrep); peak memory from time's %M.
        # Exit status 1 (error findings) is the expected result, not a failure.
        local start=$EPOCHREALTIME
        /usr/bin/time -o "$measured" -f "%M" "$@" >/dev/null 2>&1 || true
        local end=$EPOCHREALTIME
        local wall peak
        wall=$(awk "BEGIN {print $end - $start}")
        peak=$(tail -1 "$measured")
        if [ -z "$best_wall" ] || awk "BEGIN {exit !($wall < $best_wall)}"; then
            best_wall=$wall best_peak=$peak
        fi
    done
    rm -f "$measured"
    echo "$best_wall $best_peak"
}

report() {
    local name=$1; shift
    read -r wall peak < <(best "$@")
    printf '%-36s %7.3f s  %7.1f MB peak\n' "$name" "$wall" "$(awk "BEGIN {print $peak / 1024}")"
    echo "$wall" >"target/.compare-$name"
}

report "reportlint lint --jobs 2 (json)" target/release/reportlint lint --jobs 2 --format json "$corpus"
report "reportlint lint --jobs 2 (human)" target/release/reportlint lint --jobs 2 --color never "$corpus"
report "reportlint lint --jobs 1 (json)" target/release/reportlint lint --jobs 1 --format json "$corpus"
if command -v rg >/dev/null; then
    report "rg -c figures with units" rg -c '[0-9]+(\.[0-9]+)?\s*(万元|元|%|分)' "$corpus"
    ours=$(cat "target/.compare-reportlint lint --jobs 2 (json)")
    theirs=$(cat "target/.compare-rg -c figures with units")
    awk "BEGIN {printf \"ratio reportlint (json, 2 jobs) / rg: %.1f×\n\", $ours / $theirs}"
else
    echo "rg not installed: no ratio"
fi
rm -f target/.compare-*
