#!/usr/bin/env python3
"""Compares BenchmarkDotNet's full JSON reports with the PRODUCT §6 speed targets.

Usage: check-targets.py RESULTS_DIR
Prints one line per benchmark found and exits 1 when a measured benchmark misses its target.
Benchmarks that were filtered out of the run are reported as "not run" and do not fail it.
"""
import glob
import json
import os
import sys

MS = 1_000_000.0  # nanoseconds
US = 1_000.0

# (type, method, parameters) -> (label, target in ns or None for information only)
TARGETS = {
    ("BlueprintBenchmarks", "PlanRetailer", ""): ("Blueprint(retailer)", 1 * MS),
    ("BlueprintBenchmarks", "ParseAndPlanRetailer", ""): ("Blueprint(retailer, parse+plan)", 1 * MS),
    ("BlueprintBenchmarks", "PlanB2bLeads", ""): ("Blueprint(b2b-leads, Erlang C)", 1 * MS),
    ("ErlangCBenchmarks", "Solve", "Erlangs=1000"): ("ErlangC(1,000 erlangs)", 20 * US),
    ("ErlangCBenchmarks", "Solve", "Erlangs=100"): ("ErlangC(100 erlangs)", None),
    ("ErlangCBenchmarks", "Solve", "Erlangs=10"): ("ErlangC(10 erlangs)", None),
    ("WorkPlanBenchmarks", "GenerateLargestExample", ""): ("WorkPlan(largest example, 26 weeks)", 200 * MS),
}


def fmt_time(ns):
    if ns is None:
        return "n/a"
    if ns >= MS:
        return f"{ns / MS:.3g} ms"
    if ns >= US:
        return f"{ns / US:.3g} µs"
    return f"{ns:.3g} ns"


def fmt_bytes(b):
    if b is None:
        return "n/a"
    if b >= 1024 * 1024:
        return f"{b / 1024 / 1024:.2f} MB"
    if b >= 1024:
        return f"{b / 1024:.1f} KB"
    return f"{b} B"


def main():
    results_dir = sys.argv[1] if len(sys.argv) > 1 else "BenchmarkDotNet.Artifacts/results"
    files = sorted(glob.glob(os.path.join(results_dir, "*-report-full.json")))
    if not files:
        print(f"No BenchmarkDotNet JSON reports in {results_dir}.", file=sys.stderr)
        return 1

    measured = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for b in report.get("Benchmarks", []):
            key = (b.get("Type", ""), b.get("Method", ""), b.get("Parameters", "") or "")
            stats = b.get("Statistics") or {}
            memory = b.get("Memory") or {}
            measured[key] = (stats.get("Mean"), memory.get("BytesAllocatedPerOperation"))

    print()
    print("Targets (PRODUCT §6)")
    missed = 0
    width = max(len(label) for label, _ in TARGETS.values())
    for key, (label, target) in TARGETS.items():
        if key not in measured:
            print(f"  {label:<{width}}  not run")
            continue
        mean, allocated = measured[key]
        alloc = f"alloc {fmt_bytes(allocated)}"
        if mean is None:
            print(f"  {label:<{width}}  no result — FAILED")
            missed += 1
        elif target is None:
            print(f"  {label:<{width}}  {fmt_time(mean)} — {alloc} — no target (information)")
        else:
            ok = mean < target
            missed += 0 if ok else 1
            print(f"  {label:<{width}}  {fmt_time(mean)} — {alloc} — target {fmt_time(target)}"
                  f" — ratio {mean / target:.3f} — {'OK' if ok else 'MISSED'}")

    extra = sorted(k for k in measured if k not in TARGETS)
    for t, m, p in extra:
        mean, allocated = measured[(t, m, p)]
        name = f"{t}.{m}" + (f"({p})" if p else "")
        print(f"  {name}: {fmt_time(mean)} — alloc {fmt_bytes(allocated)} — no target")

    if missed:
        print(f"{missed} target(s) missed.")
        return 1
    print("All measured targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
