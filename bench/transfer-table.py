"""The Markdown table of bench/transfer.sh from its raw rows (results.tsv): per budget (epochs), images per class
and mode, the median [min-max] over seeds of the test accuracy and of the wall time, and the lead of the mode's
median accuracy over from scratch's at the same budget and size, with the range of the per-seed leads in brackets
(a seed draws the same images for every mode; empty where from scratch was not run). Usage: python3 bench/transfer-table.py OUT/results.tsv [...]"""
import csv
import statistics
import sys

NAMES = {"head": "head only (body frozen)", "convs": "convolutions frozen (sample:transfer)",
         "full": "full fine-tune", "scratch": "from scratch"}


def cell(values, fmt):
    return f"{fmt(statistics.median(values))} [{fmt(min(values))}-{fmt(max(values))}]"


rows = [r for path in sys.argv[1:] for r in csv.DictReader(open(path), delimiter="\t")]
budgets = sorted({int(r["epochs"]) for r in rows})
sizes = sorted({int(r["per_class"]) for r in rows})
modes = [m for m in NAMES if any(r["mode"] == m for r in rows)]
print("| epochs | images per class | mode | test accuracy, classes 5-9 (%) | points over from scratch "
      "| wall time per run (s) |")
print("|---|---|---|---|---|---|")
for e in budgets:
    for n in sizes:
        def accuracies(mode):
            return {r["seed"]: 100 * float(r["accuracy"]) for r in rows
                    if r["mode"] == mode and int(r["per_class"]) == n and int(r["epochs"]) == e}
        scratch = accuracies("scratch")
        for m in modes:
            by_seed = accuracies(m)
            if not by_seed:
                continue
            acc = list(by_seed.values())
            secs = [float(r["seconds"]) for r in rows
                    if r["mode"] == m and int(r["per_class"]) == n and int(r["epochs"]) == e]
            lead = ""
            if m != "scratch" and scratch:
                paired = [by_seed[s] - scratch[s] for s in by_seed if s in scratch]
                lead = f"{statistics.median(acc) - statistics.median(scratch.values()):+.1f}"
                if paired:
                    lead += f" [{min(paired):+.1f} to {max(paired):+.1f}]"
            print(f"| {e} | {n} | {NAMES[m]} | {cell(acc, lambda v: f'{v:.1f}')} | {lead} "
                  f"| {cell(secs, lambda v: f'{v:.0f}')} |")
