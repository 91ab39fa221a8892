#!/usr/bin/env python3
"""`make bench`: Debattsvar, the analyst's Python script and `wc -w` on the same corpus, in one run.

For each it reports the median wall time of several runs, MB/s, answers/s and peak memory
(maximum resident set size of the process), and the ratios between them; for Debattsvar also the
time per stage when it prints `--timings`. Results are appended to bench/results.tsv so a change
can be compared with the runs before it.

Usage: run_bench.py --corpus DIR --binary PATH [--runs N] [--jobs N]
"""
import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time

import rerun

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def measure(command, stdout=subprocess.DEVNULL):
    """Wall seconds, peak resident memory in MB, and standard error of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with {process.returncode}:\n{stderr.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024, stderr.decode(errors="replace")


def corpus_size(folder):
    total, answers = 0, 0
    for root, _dirs, files in os.walk(folder):
        if os.path.basename(root) == "register":
            continue
        for name in files:
            if name == "sporsmal.tsv":
                continue
            total += os.path.getsize(os.path.join(root, name))
            if name.endswith(".csv"):
                with open(os.path.join(root, name), encoding="utf-8-sig") as handle:
                    import csv
                    answers += max(0, sum(1 for _ in csv.reader(handle, delimiter=";")) - 1)
            else:
                answers += 1
    return total, answers


def answer_files(folder):
    return sorted(os.path.join(root, name) for root, _dirs, files in os.walk(folder)
                  for name in files if os.path.basename(root) != "register" and name != "sporsmal.tsv")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()

    size, answers = corpus_size(args.corpus)
    megabytes = size / 1e6
    output = tempfile.mkdtemp(prefix="debattsvar-bench-")
    files = answer_files(args.corpus)
    commands = {
        "debattsvar": [args.binary, "run", args.corpus, "--out", os.path.join(output, "reports"),
                       "--jobs", str(args.jobs), "--timings", "--no-cache"],
        "python (analytiker)": [sys.executable, os.path.join(HERE, "analyst.py"), args.corpus,
                                os.path.join(REPO, "Sources/Themes/Resources/temaer"), os.path.join(output, "analyst.csv")],
        "wc -w": ["wc", "-w"] + files,
    }
    results, stage_lines = {}, []
    for name, command in commands.items():
        runs = [measure(command) for _ in range(args.runs)]
        wall = statistics.median(run[0] for run in runs)
        memory = max(run[1] for run in runs)
        results[name] = (wall, memory)
        if name == "debattsvar":
            stage_lines = [line for line in runs[-1][2].splitlines() if line.startswith("stage\t")]

    print(f"Korpus: {args.corpus} — {megabytes:.1f} MB, {answers} svar; median av {args.runs} kjøringer, --jobs {args.jobs}")
    print(f"{'':22} {'sekunder':>9} {'MB/s':>8} {'svar/s':>9} {'maks minne MB':>14}")
    for name, (wall, memory) in results.items():
        print(f"{name:22} {wall:9.2f} {megabytes / wall:8.1f} {answers / wall:9.0f} {memory:14.0f}")
    ours = results["debattsvar"][0]
    print(f"debattsvar er {results['python (analytiker)'][0] / ours:.1f}× raskere enn Python-skriptet; "
          f"wc -w er {ours / results['wc -w'][0]:.1f}× raskere enn debattsvar")
    if stage_lines:
        print("Tid per steg i debattsvar (CPU-sekunder summert over tråder):")
        for line in stage_lines:
            _, stage, seconds = line.split("\t")
            print(f"  {stage:12} {float(seconds):8.2f}")

    incremental = rerun.measure_rerun(measure, args.binary, args.corpus, args.runs, args.jobs)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    results_file = os.path.join(HERE, "results.tsv")
    new = not os.path.exists(results_file)
    with open(results_file, "a", encoding="utf-8") as handle:
        if new:
            handle.write("tid\tcommit\tkorpus_mb\tsvar\tprogram\tsekunder\tmb_per_s\tmaks_minne_mb\n")
        for name, (wall, memory) in results.items():
            handle.write(f"{stamp}\t{commit}\t{megabytes:.1f}\t{answers}\t{name}\t{wall:.3f}\t{megabytes / wall:.1f}\t{memory:.0f}\n")
        wall = incremental["rerun"]
        handle.write(f"{stamp}\t{commit}\t{megabytes:.1f}\t{answers}\tdebattsvar, én fil endret\t{wall:.3f}\t"
                     f"{megabytes / wall:.1f}\t{incremental['memory']:.0f}\n")


if __name__ == "__main__":
    main()
