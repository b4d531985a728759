#!/usr/bin/env python3
"""Where a JFR recording's CPU samples are: the top frames and the frames on the stack (inclusive), by share.

Usage: bench/hot-frames.py recording.jfr [how-many]   (needs the JDK's `jfr` on the PATH)
"""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(")


def samples(recording):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
                         check=True, capture_output=True, text=True).stdout
    stack = None
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            if stack:
                yield stack
            stack = []
        elif stack is not None:
            frame = FRAME.match(line)
            if frame:
                stack.append(frame.group(1))
    if stack:
        yield stack


def main():
    recording = sys.argv[1]
    shown = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    top, inclusive, total = collections.Counter(), collections.Counter(), 0
    for stack in samples(recording):
        total += 1
        top[stack[0]] += 1
        for frame in set(stack):
            inclusive[frame] += 1
    print(f"{total} samples in {recording}")
    for title, counts in (("top frame", top), ("on the stack", inclusive)):
        print(f"\n{title}:")
        for frame, count in counts.most_common(shown):
            print(f"{100 * count / max(total, 1):6.1f} %  {frame}")


if __name__ == "__main__":
    main()
