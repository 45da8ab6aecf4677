#!/usr/bin/env bash
# Seeds a fuzz target's corpus directory: the demo scripts (copied at run time) and test
# scripts for script-fuzz; generated operation sequences for heap-fuzz and buddy-fuzz.
# Usage: fuzz/seed.sh TARGET CORPUS_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1 corpus=$2
mkdir -p "$corpus"
bytes() { local out=""; for b in "$@"; do out+=$(printf '\\x%02x' "$b"); done; printf "$out"; }
case $target in
script-fuzz)
    for file in demos/*.aviz; do cp "$file" "$corpus/seed-$(basename "$file")"; done
    # Scripts embedded in the tests (lines between #""" markers are not parsed here; the
    # demos cover every statement) plus a few short hand-written ones.
    printf 'heap 4KiB\nalloc A 100\nalloc B 200 align=64\nrealloc A 300\nfree B\nfree A\nexpect live(heap) == 0\n' > "$corpus/seed-heap.aviz"
    printf 'buddy 64KiB min=1KiB impl=linked-list\nrandom 200 seed=3 sizes=1..9000 free=40%%\nexpect extfrag(buddy) >= 0\n' > "$corpus/seed-random.aviz"
    printf 'alloc A 1\nfree A\nfree A again\n' > "$corpus/seed-double-free.aviz"
    ;;
heap-fuzz)
    # One seed per configuration byte (cache, tracking, exact, pointer API, capacity), each
    # with the same mix: allocations of several sizes, frees, reallocations, misuse, flush.
    for mode in 0 1 2 3 4 5 6 7 8 9 12 13 15 16 31 48 63; do
        bytes "$mode" 0 24 0 0 1 128 0 16 0 0 2 200 1 3 0 0 6 0 0 1 10 1 0 100 0 0 \
            13 2 1 0 0 14 3 0 0 0 0 40 0 0 0 0 15 0 0 7 1 0 1 11 0 0 0 200 1 0 8 0 0 9 0 0 \
            4 255 3 0 12 0 0 13 0 0 0 0 0 > "$corpus/seed-mode-$mode"
    done
    ;;
buddy-fuzz)
    for shape in 0 9 18 27 42 51 60 75 80 87; do
        bytes "$shape" 0 1 0 1 8 0 0 2 5 0 3 200 0 4 0 0 7 0 0 0 0 5 0 0 1 1 0 6 0 0 7 3 0 1 0 \
            0 2 0 2 0 0 0 4 0 0 4 0 0 4 0 0 > "$corpus/seed-shape-$shape"
    done
    ;;
*) echo "seed: unknown target $target" >&2; exit 2 ;;
esac
