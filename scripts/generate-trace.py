#!/usr/bin/env python3
"""Writes a random allocation trace in the CS:APP malloc-lab format (docs/traces.md) to stdout.

    scripts/generate-trace.py [OPERATIONS] [SEED] [LIVE] > big.rep

Defaults: 1,000,000 operations, seed 1, 10,000 live. Each id is used once (as the recorder
numbers blocks); about LIVE blocks are live at a time, sizes 16 B to 4 KiB (log-uniform), about
10% of the operations are reallocs. The trace is for measuring `allocviz check` and
`allocviz bench --trace` on long traces; it is not kept in git.
"""
import random
import sys

if any(arg in ("-h", "--help") for arg in sys.argv[1:]):
    print(__doc__.strip())
    sys.exit(0)

operations = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
target_live = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000

def size():
    return int(2 ** rng.uniform(4, 12))

live = []          # live ids, any order (a free swaps the last one into the hole)
next_id = 0
lines = []
for _ in range(operations):
    roll = rng.random()
    fill = len(live) / target_live
    allocate = 0.45 - 0.1 * (fill - 1)   # allocations balance frees at fill 1
    if not live or roll < allocate:
        lines.append(f"a {next_id} {size()}")
        live.append(next_id)
        next_id += 1
    elif roll < allocate + 0.1:
        lines.append(f"r {live[rng.randrange(len(live))]} {size()}")
    else:
        index = rng.randrange(len(live))
        lines.append(f"f {live[index]}")
        live[index] = live[-1]
        live.pop()
out = sys.stdout
out.write(f"{next_id}\n{operations}\n")
out.write("\n".join(lines))
out.write("\n")
