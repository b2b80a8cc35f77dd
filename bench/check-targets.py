#!/usr/bin/env python3
"""Compares BenchmarkDotNet's full JSON reports with the PRODUCT §6 speed targets.

Usage: check-targets.py RESULTS_DIR
Prints one line per benchmark found and exits 1 when a measured benchmark misses its target.
A target is on the mean unless it names a percentile (the page loads are held to their P95).
Benchmarks that were filtered out of the run are reported as "not run" and do not fail it.
"""
import glob
import json
import os
import sys

MS = 1_000_000.0  # nanoseconds
US = 1_000.0

# (type, method, parameters) -> (label, target in ns or None for information only[, statistic])
# The statistic is "Mean" unless given; "P95" reads the 95th percentile of the iterations.
TARGETS = {
    ("BlueprintBenchmarks", "PlanRetailer", ""): ("Blueprint(retailer)", 1 * MS),
    ("BlueprintBenchmarks", "ParseAndPlanRetailer", ""): ("Blueprint(retailer, parse+plan)", 1 * MS),
    ("BlueprintBenchmarks", "PlanB2bLeads", ""): ("Blueprint(b2b-leads, Erlang C)", 1 * MS),
    ("ErlangCBenchmarks", "Solve", "Erlangs=1000"): ("ErlangC(1,000 erlangs)", 20 * US),
    ("ErlangCBenchmarks", "Solve", "Erlangs=100"): ("ErlangC(100 erlangs)", None),
    ("ErlangCBenchmarks", "Solve", "Erlangs=10"): ("ErlangC(10 erlangs)", None),
    ("WorkPlanBenchmarks", "GenerateLargestExample", ""): ("WorkPlan(largest example, 26 weeks)", 200 * MS),
    ("WorkViewBenchmarks", "Board", ""): ("Board page (5,000 tasks, 10 people)", 100 * MS, "P95"),
    ("WorkViewBenchmarks", "MyWork", ""): ("My work page (5,000 tasks, 10 people)", 100 * MS, "P95"),
}


def statistic(stats, name):
    """The named statistic of a report's Statistics object: Mean, or a percentile such as P95."""
    if name == "Mean":
        return stats.get("Mean")
    return (stats.get("Percentiles") or {}).get(name)


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
            measured[key] = (stats, memory.get("BytesAllocatedPerOperation"))

    print()
    print("Targets (PRODUCT §6)")
    missed = 0
    width = max(len(entry[0]) for entry in TARGETS.values())
    for key, entry in TARGETS.items():
        label, target = entry[0], entry[1]
        stat = entry[2] if len(entry) > 2 else "Mean"
        if key not in measured:
            print(f"  {label:<{width}}  not run")
            continue
        stats, allocated = measured[key]
        value = statistic(stats, stat)
        shown = fmt_time(value) if stat == "Mean" else f"{stat} {fmt_time(value)} (mean {fmt_time(stats.get('Mean'))})"
        alloc = f"alloc {fmt_bytes(allocated)}"
        if value is None:
            print(f"  {label:<{width}}  no {stat} result — FAILED")
            missed += 1
        elif target is None:
            print(f"  {label:<{width}}  {shown} — {alloc} — no target (information)")
        else:
            ok = value < target
            missed += 0 if ok else 1
            print(f"  {label:<{width}}  {shown} — {alloc} — target {stat} {fmt_time(target)}"
                  f" — ratio {value / target:.3f} — {'OK' if ok else 'MISSED'}")

    extra = sorted(k for k in measured if k not in TARGETS)
    for t, m, p in extra:
        stats, allocated = measured[(t, m, p)]
        name = f"{t}.{m}" + (f"({p})" if p else "")
        print(f"  {name}: {fmt_time(stats.get('Mean'))} — alloc {fmt_bytes(allocated)} — no target")

    if missed:
        print(f"{missed} target(s) missed.")
        return 1
    print("All measured targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
