#!/usr/bin/env bash
# Builds one libFuzzer target (fuzz/build.sh), seeds its corpus, and runs it.
# Usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer options...]
#   TARGET: heap-fuzz, buddy-fuzz or script-fuzz; SECONDS: how long (default 60; 0 = until stopped).
# The corpus grows in fuzz/.corpus/TARGET (kept between runs); a crash, leak or timeout is saved
# as fuzz/.artifacts/TARGET/crash-... (or leak-, timeout-, oom-) and printed (path, hexdump and
# base64) so a CI log alone can reproduce it. Exit status: libFuzzer's (0 = nothing found).
set -uo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer options...]}
seconds=${2:-60}
shift; [ $# -gt 0 ] && shift
fuzz/build.sh "$target" || exit 2
corpus=fuzz/.corpus/$target
artifacts=fuzz/.artifacts/$target
mkdir -p "$corpus" "$artifacts"
fuzz/seed.sh "$target" "$corpus"

args=(-max_len=4096 -timeout=10 -rss_limit_mb=2048 "-artifact_prefix=$artifacts/" -print_final_stats=1)
[ "$seconds" -gt 0 ] && args+=("-max_total_time=$seconds")
echo "fuzz: $target for ${seconds}s, corpus $corpus ($(ls "$corpus" | wc -l) inputs)"
start=$(ls "$artifacts" | wc -l)
nice fuzz/.build/"$target" "${args[@]}" "$@" "$corpus"
status=$?
if [ "$status" -ne 0 ]; then
    for file in $(ls -t "$artifacts" | head -n $(( $(ls "$artifacts" | wc -l) - start ))); do
        path=$artifacts/$file
        echo "fuzz: $target found a problem; reproducer: $path ($(wc -c < "$path") bytes)"
        echo "fuzz: replay with: fuzz/build.sh $target && fuzz/.build/$target $path"
        echo "--- hexdump ---"; od -A x -t x1z -v "$path" | head -64
        echo "--- base64 (decode with: base64 -d > $file) ---"; base64 "$path"
    done
fi
exit "$status"
