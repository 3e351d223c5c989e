#!/usr/bin/env python3
"""Inner-loop efficiency of the NEON microkernels, read from the machine code.

For every function of an AArch64 binary whose demangled name contains PATTERN (default
"litec::neon::convolution"), finds each innermost loop (a backward branch and the instructions it jumps
over, holding no other loop) that holds multiply-accumulate instructions, and prints, per distinct
loop shape, its length, those instructions, the MACs they do (an FMLA by lane 4, an SDOT by lane
16, an SMULL or SMLAL of 8 bytes into 8 halfwords 8, an SMLAL by lane into 4 words 4), their
share of the loop's instructions and the loop's instructions per MAC. Every lane of those
instructions does useful work in the inner loop (the tile is full there: a block's pixels past
the end repeat the last one, only in a layer's last block), so the MACs per lane slot of the
inner loop are 1.0 and the share says how much of the loop is arithmetic.

Usage: bench/neon_loops.py BINARY [PATTERN]
  BINARY: a program built from `litec compile --target neon --emit-main` output
  (aarch64-linux-gnu-g++ -O3 -static ...); needs aarch64-linux-gnu-nm and -objdump.
"""
import re
import subprocess
import sys
from collections import Counter

# The multiply-accumulates of one instruction: by its mnemonic, and for the widening integer
# forms by the lanes of its destination (".8h": 8 products of bytes, ".4s": 4 of halfwords).
MNEMONICS = ("fmla", "sdot", "smull", "smull2", "smlal", "smlal2")


def macs_of(op, args):
    if op == "fmla":
        return 4
    if op == "sdot":
        return 16
    destination = args.split(",")[0].strip()
    if op in MNEMONICS and "." in destination:  # not the scalar SMULL of address arithmetic
        return 8 if destination.endswith(".8h") else 4
    return 0


def functions(binary, pattern):
    out = subprocess.run(["aarch64-linux-gnu-nm", "-S", "-C", binary], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and pattern in parts[3]:
            yield int(parts[0], 16), int(parts[1], 16), parts[3]


def instructions(binary, start, size):
    out = subprocess.run(["aarch64-linux-gnu-objdump", "-d", "--no-show-raw-insn", binary,
                          "--start-address=%#x" % start, "--stop-address=%#x" % (start + size)],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+(\S+)\s*(.*)", line)
        if m:
            yield int(m.group(1), 16), m.group(2), m.group(3)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    binary = sys.argv[1]
    pattern = sys.argv[2] if len(sys.argv) == 3 else "litec::neon::convolution"
    shapes = Counter()
    for start, size, _ in functions(binary, pattern):
        code = list(instructions(binary, start, size))
        index = {address: i for i, (address, _, _) in enumerate(code)}
        loops = []  # (first, last) instruction indices of each loop
        for i, (address, op, args) in enumerate(code):
            target = re.match(r"([0-9a-f]+)\s", args + " ")
            if not op.startswith("b") or op in ("bl", "blr", "br") or not target:
                continue
            begin = int(target.group(1), 16)
            if begin < address and begin in index:
                loops.append((index[begin], i))
        for first, last in loops:
            # Innermost loops only: an outer loop's count would include its inner loops'.
            if any(first <= f and l <= last and (f, l) != (first, last) for f, l in loops):
                continue
            body = code[first:last + 1]
            kinds = Counter(o.rstrip("2") for _, o, a in body if macs_of(o, a))
            macs = sum(macs_of(o, a) for _, o, a in body)
            if macs:
                mix = ", ".join("%d %s" % (n, o.upper()) for o, n in sorted(kinds.items()))
                shapes[(len(body), mix, sum(kinds.values()), macs)] += 1
    if not shapes:
        sys.exit("no loop with multiply-accumulates in functions matching %r" % pattern)
    print("| loops | instructions | MAC instructions | MACs | their share | instructions per MAC |")
    print("|---:|---:|---|---:|---:|---:|")
    for (length, mix, count_macs, macs), count in sorted(shapes.items()):
        print("| %d | %d | %s | %d | %.0f%% | %.3f |" % (
            count, length, mix, macs, 100.0 * count_macs / length, length / macs))


if __name__ == "__main__":
    main()
