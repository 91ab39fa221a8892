#!/usr/bin/env python3
"""`make bench`: Debattsvar, the analyst's Python script and `wc -w` on the same corpus, in one run.

For each it reports the median wall time of several runs, the median CPU time (user + system),
MB/s, answers/s and peak memory (maximum resident set size of the process), and the ratios
between them; for Debattsvar also the CPU time per stage from `--timings`, and its start-up:
the wall time of `debattsvar classify` with no input, which loads the lexicon, the word
statistics and the theme dictionaries and stops. Results are appended to bench/results.tsv so a change
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


def measure(command, stdout=subprocess.DEVNULL, stdin=None):
    """Wall seconds, peak resident memory in MB, standard error and CPU seconds (user + system) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with {process.returncode}:\n{stderr.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024, stderr.decode(errors="replace"), usage.ru_utime + usage.ru_stime


def startup(binary, runs):
    """Median wall seconds and peak memory of loading the lexicon, word statistics and theme
    dictionaries: `debattsvar classify` with no input builds the whole analyser, then stops."""
    results = []
    for _ in range(runs):
        with open(os.devnull, "rb") as empty:
            results.append(measure([binary, "classify"], stdin=empty))
    return statistics.median(r[0] for r in results), max(r[1] for r in results), statistics.median(r[3] for r in results)


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
    results, stage_runs = {}, []
    # The programs take turns, run by run, so a burst of load on a shared machine falls on all
    # of them rather than on one.
    runs = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            runs[name].append(measure(command))
    for name in commands:
        wall = statistics.median(run[0] for run in runs[name])
        memory = max(run[1] for run in runs[name])
        cpu = statistics.median(run[3] for run in runs[name])
        results[name] = (wall, memory, cpu)
    stage_runs = [[line.split("\t")[1:] for line in run[2].splitlines() if line.startswith("stage\t")]
                  for run in runs["debattsvar"]]
    start_wall, start_memory, start_cpu = startup(args.binary, max(5, args.runs))

    print(f"Korpus: {args.corpus} — {megabytes:.1f} MB, {answers} svar; median av {args.runs} kjøringer, --jobs {args.jobs}")
    print(f"{'':22} {'sekunder':>9} {'CPU-sek':>8} {'MB/s':>8} {'svar/s':>9} {'maks minne MB':>14}")
    for name, (wall, memory, cpu) in results.items():
        print(f"{name:22} {wall:9.2f} {cpu:8.2f} {megabytes / wall:8.1f} {answers / wall:9.0f} {memory:14.0f}")
    print(f"{'debattsvar oppstart':22} {start_wall:9.3f} {start_cpu:8.3f} {'':>8} {'':>9} {start_memory:14.0f}")
    ours, ours_cpu = results["debattsvar"][0], results["debattsvar"][2]
    python, python_cpu = results["python (analytiker)"][0], results["python (analytiker)"][2]
    def compared(ratio):
        return f"{ratio:.1f}× raskere" if ratio >= 1 else f"{1 / ratio:.1f}× tregere"
    print(f"debattsvar er {compared(python / ours)} enn Python-skriptet (CPU-tid: {compared(python_cpu / ours_cpu)}); "
          f"wc -w er {ours / results['wc -w'][0]:.1f}× raskere enn debattsvar")
    print(f"oppstart (leksikon, ordstatistikk og temaer lastet): {start_wall:.3f} s")
    if stage_runs and stage_runs[0]:
        print("Tid per steg i debattsvar (CPU-sekunder summert over tråder, median):")
        total = 0.0
        for index, (stage, _) in enumerate(stage_runs[0]):
            seconds = statistics.median(float(run[index][1]) for run in stage_runs if len(run) > index)
            total += seconds
            print(f"  {stage:14} {seconds:8.2f}")
        print(f"  {'sum':14} {total:8.2f}")

    incremental = rerun.measure_rerun(measure, args.binary, args.corpus, args.runs, args.jobs)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    results_file = os.path.join(HERE, "results.tsv")
    new = not os.path.exists(results_file)
    with open(results_file, "a", encoding="utf-8") as handle:
        if new:
            handle.write("tid\tcommit\tkorpus_mb\tsvar\tprogram\tsekunder\tmb_per_s\tmaks_minne_mb\tcpu_sekunder\n")
        for name, (wall, memory, cpu) in results.items():
            handle.write(f"{stamp}\t{commit}\t{megabytes:.1f}\t{answers}\t{name}\t{wall:.3f}\t{megabytes / wall:.1f}\t{memory:.0f}\t{cpu:.2f}\n")
        handle.write(f"{stamp}\t{commit}\t{megabytes:.1f}\t{answers}\tdebattsvar oppstart\t{start_wall:.3f}\t\t{start_memory:.0f}\t{start_cpu:.3f}\n")
        wall = incremental["rerun"]
        handle.write(f"{stamp}\t{commit}\t{megabytes:.1f}\t{answers}\tdebattsvar, én fil endret\t{wall:.3f}\t"
                     f"{megabytes / wall:.1f}\t{incremental['memory']:.0f}\t\n")


if __name__ == "__main__":
    main()
