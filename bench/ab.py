#!/usr/bin/env python3
"""Two (or more) builds of faaslint, compared in interleaved rounds: in each round every
binary runs once in every repository, so a slow minute of a shared host falls on all of
them alike. Wall time from a monotonic clock, CPU time (user + sys) from wait4's rusage
(microseconds, where GNU time prints hundredths).

Usage: bench/ab.py --bin OLD --bin NEW --repo DIR [--repo DIR...] [--rounds 15] [--also CMD] -- ARGS...
  e.g. bench/ab.py --bin /tmp/faaslint-old --bin build/faaslint --repo /tmp/stg \
         --also "git diff --cached --name-only" -- check --staged
--also times another command (split like a shell would, found on PATH) in the same rounds:
the baseline a ratio is taken against.
Prints, per repository and binary, the median and the minimum of each, with the machine,
the date and the load average; one warm-up run of each pair comes first and is not counted.
"""
import argparse
import datetime
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(command, repo):
    """(wall ms, CPU ms, exit status) of one run with stdout and stderr discarded."""
    # subprocess starts the child with vfork: an os.fork() of this Python process cost
    # 20 ms of page-table copying and copy-on-write faults on the benchmark machine,
    # more than the git command the runs are compared with.
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    wall = 1000 * (time.perf_counter() - start)
    return wall, 1000 * (usage.ru_utime + usage.ru_stime), child.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", action="append", required=True, help="a faaslint binary (repeat)")
    parser.add_argument("--repo", action="append", required=True, help="a folder to run in (repeat)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--also", action="append", default=[], help="another command to time (repeat)")
    parser.add_argument("args", nargs="+", help="faaslint's arguments, after --")
    options = parser.parse_args()
    options.bin = [os.path.abspath(binary) for binary in options.bin]  # the runs chdir
    for binary in options.bin:
        if not os.access(binary, os.X_OK):
            sys.exit(f"ab.py: {binary} is not an executable file")
    for repo in options.repo:
        if not os.path.isdir(repo):
            sys.exit(f"ab.py: {repo} is not a folder")

    # What each row runs, by the name the table gives it.
    commands = {binary: [binary] + options.args for binary in options.bin}
    commands.update({also: shlex.split(also) for also in options.also})
    pairs = [(repo, name) for repo in options.repo for name in commands]
    for repo, name in pairs:  # warm-up: the page cache, the dynamic loader's files
        run_once(commands[name], repo)
    results = {pair: [] for pair in pairs}
    statuses = {pair: set() for pair in pairs}
    for _ in range(options.rounds):
        for repo, binary in pairs:
            wall, cpu, status = run_once(commands[binary], repo)
            results[(repo, binary)].append((wall, cpu))
            statuses[(repo, binary)].add(status)

    load = open("/proc/loadavg").read().split()[:3]
    print(f"# {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}, {os.cpu_count()} cores, "
          f"load average {' '.join(load)}; `{' '.join(options.args)}`, {options.rounds} interleaved rounds")
    print("| repository | command | wall ms median | wall ms min | CPU ms median | CPU ms min | exit |")
    print("|---|---|---|---|---|---|---|")
    for repo, binary in pairs:
        walls = [wall for wall, _ in results[(repo, binary)]]
        cpus = [cpu for _, cpu in results[(repo, binary)]]
        exits = ",".join(str(status) for status in sorted(statuses[(repo, binary)]))
        print(f"| {repo} | {binary} | {statistics.median(walls):.1f} | {min(walls):.1f} | "
              f"{statistics.median(cpus):.1f} | {min(cpus):.1f} | {exits} |")


if __name__ == "__main__":
    main()
