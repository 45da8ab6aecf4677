#!/usr/bin/env bash
# Builds the libFuzzer targets into fuzz/.build/ (heap-fuzz, buddy-fuzz, script-fuzz) by
# compiling the package's sources directly with swiftc: Allocators and AllocVizCore as static
# modules instrumented for coverage and AddressSanitizer, then each target against them.
# Usage: fuzz/build.sh [TARGET...]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/.build
mkdir -p "$out"
# ld.gold warns once per AddressSanitizer helper symbol ("Cannot export local symbol"): noise.
quiet() { "$@" 2>&1 | { grep -v "Cannot export local symbol" || true; }; return "${PIPESTATUS[0]}"; }
flags=(-O -parse-as-library -swift-version 6 -sanitize=fuzzer,address -g -I "$out" -L "$out")
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(heap-fuzz buddy-fuzz script-fuzz)

module() {  # module NAME SOURCE_DIR [LINKED_MODULES...]: a static library and its module
    local name=$1 dir=$2
    shift 2
    local newest
    newest=$(find "$dir" -name '*.swift' -newer "$out/lib$name.a" 2>/dev/null | head -1 || true)
    if [ -f "$out/lib$name.a" ] && [ -z "$newest" ]; then return; fi
    echo "fuzz: building module $name"
    mapfile -t sources < <(find "$dir" -name '*.swift' | sort)
    quiet swiftc "${flags[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$out/lib$name.a" "${sources[@]}" "$@"
}

module Allocators Sources/Allocators
for target in "${targets[@]}"; do
    case $target in
    heap-fuzz) sources=(fuzz/FuzzInput.swift fuzz/HeapFuzz.swift); libs=(-lAllocators) ;;
    buddy-fuzz) sources=(fuzz/FuzzInput.swift fuzz/BuddyFuzz.swift); libs=(-lAllocators) ;;
    script-fuzz)
        module AllocVizCore Sources/AllocVizCore
        sources=(fuzz/FuzzInput.swift fuzz/ScriptFuzz.swift); libs=(-lAllocVizCore -lAllocators) ;;
    *) echo "fuzz: unknown target $target (heap-fuzz, buddy-fuzz, script-fuzz)" >&2; exit 2 ;;
    esac
    echo "fuzz: building $target"
    quiet swiftc "${flags[@]}" -module-name "${target//-/_}" "${sources[@]}" "${libs[@]}" -o "$out/$target"
done
