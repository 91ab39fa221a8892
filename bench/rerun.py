#!/usr/bin/env python3
"""Incremental reruns for `make bench`: `debattsvar run` with its result cache, on the same corpus.

Runs once to fill the cache (a first run), then, several times, changes the content of one answer
file and runs again, and once more with nothing changed. Prints the median wall time of each kind
of run and the time per stage of the last rerun after a change, so what the rerun still spends
(reports, writing, start-up) can be told from what the cache saves. The changed file is put back
as it was (bytes and modification time) afterwards.

Usage: rerun.py --corpus DIR --binary PATH [--runs N] [--jobs N]
"""
import argparse
import os
import shutil
import statistics
import tempfile


def stages(stderr):
    """`stage` and `cache` lines of `--timings`, as {name: value}."""
    found, cache = {}, {}
    for line in stderr.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] == "stage":
            found[parts[1]] = float(parts[2])
        elif len(parts) == 3 and parts[0] == "cache":
            cache[parts[1]] = int(parts[2])
    return found, cache


def changed_file(corpus):
    """The first Markdown answer in path order: the file each rerun changes."""
    for root, dirs, files in sorted(os.walk(corpus)):
        dirs.sort()
        if os.path.basename(root) == "svar":
            for name in sorted(files):
                if name.endswith(".md"):
                    return os.path.join(root, name)
    raise SystemExit(f"{corpus}: no Markdown answer to change")


def measure_rerun(measure, binary, corpus, runs=3, jobs=None):
    """Wall seconds of a first run with the cache, reruns after one changed file and a rerun with
    nothing changed; `measure(command)` runs one command and gives (seconds, MB, stderr, …).
    Returns a dict for the results file and prints a table."""
    output = tempfile.mkdtemp(prefix="debattsvar-rerun-")
    command = [binary, "run", corpus, "--out", os.path.join(output, "reports"), "--timings"]
    if jobs:
        command += ["--jobs", str(jobs)]
    target = changed_file(corpus)
    with open(target, "rb") as handle:
        original = handle.read()
    times = os.stat(target)
    try:
        first, first_memory, _ = measure(command)[:3]
        reruns, last = [], None
        for run in range(runs):
            with open(target, "wb") as handle:
                handle.write(original + f"\n\nSpørsmål 1\nEndret for måling nummer {run + 1}.\n".encode())
            seconds, memory, stderr = measure(command)[:3]
            reruns.append((seconds, memory))
            last = stderr
        unchanged, unchanged_memory, unchanged_stderr = measure(command)[:3]
    finally:
        with open(target, "wb") as handle:
            handle.write(original)
        os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
        shutil.rmtree(output, ignore_errors=True)

    rerun = statistics.median(seconds for seconds, _ in reruns)
    rerun_memory = max(memory for _, memory in reruns)
    stage_seconds, cache = stages(last)
    _, unchanged_cache = stages(unchanged_stderr)
    print(f"Ny kjøring med mellomlager (én fil endret: {os.path.relpath(target, corpus)}; median av {runs}):")
    print(f"{'':34} {'sekunder':>9} {'maks minne MB':>14}")
    print(f"{'første kjøring, fyller lageret':34} {first:9.2f} {first_memory:14.0f}")
    print(f"{'én fil endret':34} {rerun:9.2f} {rerun_memory:14.0f}")
    print(f"{'ingenting endret':34} {unchanged:9.2f} {unchanged_memory:14.0f}")
    print(f"  mellomlageret, én fil endret: {cache.get('hits', 0)} filer fra lageret, {cache.get('stored', 0)} behandlet; "
          f"ingenting endret: {unchanged_cache.get('hits', 0)} fra lageret, {unchanged_cache.get('stored', 0)} behandlet")
    if stage_seconds:
        total = sum(stage_seconds.values())
        print("  tid per steg, én fil endret (CPU-sekunder summert over tråder):")
        for stage, seconds in stage_seconds.items():
            print(f"    {stage:14} {seconds:8.3f}  {100 * seconds / total:5.1f} %")
    return {"first": first, "rerun": rerun, "unchanged": unchanged, "memory": rerun_memory}


if __name__ == "__main__":
    import run_bench
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    measure_rerun(run_bench.measure, args.binary, args.corpus, args.runs, args.jobs)
