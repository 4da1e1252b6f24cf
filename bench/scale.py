#!/usr/bin/env python3
"""Does any cost grow faster than the input? Each shape of generated code or config is
checked at a small size N and at 8N, in the same run, and the ratio of the two times is
printed: about 8 is linear, about 64 quadratic. The shapes are the ones that were not
linear once (docs/BENCHMARKS.md, fifth round) and a few that always were.

Usage: bench/scale.py [--faaslint build/faaslint] [--n 2000] [--runs 3] [--out FILE]
Prints a markdown table with the machine, the date and the commit; the time of a size is
the median of --runs runs of `faaslint check --all --format json`, peak RSS the largest.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as out:
        out.write(text)


def call_chain(root, n):
    """Each function calls the next; the last starts a thread."""
    lines = ["import threading\n"]
    lines += [f"def f{i}():\n    return f{i + 1}()\n" for i in range(n - 1)]
    lines.append(f"def f{n - 1}():\n    threading.Thread(target=print).start()\nf0()\n")
    write(root, "app.py", "".join(lines))


def big_class(root, n):
    """One class whose methods call each other through self."""
    lines = ["import threading\nclass C:\n    def m0(self):\n        threading.Thread(target=print).start()\n"]
    lines += [f"    def m{i}(self):\n        return self.m{i - 1}()\n" for i in range(1, n)]
    lines.append(f"C().m{n - 1}()\n")
    write(root, "app.py", "".join(lines))


def import_graph(root, n):
    """n // 20 modules, each importing and calling three others at import time."""
    modules = max(n // 20, 4)
    for i in range(modules):
        targets = [(i * 7 + k * 13) % modules for k in (1, 2, 3)]
        imports = "".join(f"from m{j} import f{j}\n" for j in targets)
        calls = "".join(f"    f{j}()\n" for j in targets)
        write(root, f"m{i}.py", f"{imports}def f{i}():\n{calls}f{i}()\n")


def starts(root, n):
    """A class keeping n // 2 threads on self, started in other methods, and n // 2
    functions each starting a process and a child process it never waits for."""
    half = max(n // 2, 1)
    lines = ["import multiprocessing\nimport subprocess\nimport threading\nclass Pool:\n    def __init__(self):\n"]
    lines += [f"        self.t{i} = threading.Thread(target=print)\n" for i in range(half)]
    lines += [f"    def s{i}(self):\n        self.t{i}.start()\n" for i in range(half)]
    lines += [f"def p{i}():\n    p = multiprocessing.Process(target=print)\n    p.start()\n"
              f"    c = subprocess.Popen(['ls'])\n    print(c.pid)\n" for i in range(half)]
    write(root, "app.py", "".join(lines))


def rule_fixtures(root, n):
    """Every rule's fixture (tests/fixtures/rules/FL*.py) in one module, n // 400 times
    over, the functions and classes of each copy renamed: each rule meets many of what
    it looks for, and what it must not flag, in one file."""
    folder = os.path.join(ROOT, "tests", "fixtures", "rules")
    heads, bodies = [], []
    for name in sorted(os.listdir(folder)):
        if not (name.startswith("FL") and name.endswith(".py")):
            continue
        with open(os.path.join(folder, name)) as fixture:
            lines = fixture.read().splitlines(keepends=True)
        heads += [line for line in lines if line.startswith(("import ", "from "))]
        bodies.append("".join(line for line in lines if not line.startswith(("import ", "from "))))
    body = "\n".join(bodies)
    defined = set(re.findall(r"^\s*(?:async\s+)?(?:def|class)\s+(\w+)", body, re.M))
    names = re.compile(r"\b(" + "|".join(sorted((d for d in defined if not d.startswith("__")), key=len,
                                                  reverse=True)) + r")\b")
    copies = [names.sub(lambda m: f"{m.group(1)}_{k}", body) for k in range(max(n // 400, 1))]
    write(root, "app.py", "".join(dict.fromkeys(heads)) + "\n".join(copies))


def fstrings(root, n):
    write(root, "app.py", "x = y = 1\n" + "".join("print(f'{x} {y!r} {x:>{y}}')  # (see above)\n" for _ in range(n)))


def routes(root, n):
    """A Flask app of n routes, each starting a thread and writing a file."""
    head = "import threading\nfrom flask import Flask\napp = Flask(__name__)\ncache = {}\n"
    body = "".join(
        f"@app.route('/x{i}')\ndef h{i}():\n    threading.Thread(target=print).start()\n"
        f"    cache['k'] = 1\n    open('data.txt', 'w')\n    return 'x'\n"
        for i in range(n)
    )
    write(root, "app.py", head + body)


def function_patterns(root, n):
    """vercel.json with n // 4 `functions` patterns over as many function files."""
    count = max(n // 4, 1)
    for i in range(count):
        write(root, f"api/h{i}.py", "def handler(request):\n    return 'x'\n")
    write(root, "vercel.json", json.dumps({"functions": {f"api/h{i}*.py": {"memory": 1024} for i in range(count)}}))


def crons_and_rewrites(root, n):
    """vercel.json with 100 crons (Vercel's limit) and n // 4 rewrites that none matches."""
    write(root, "api/index.py", "from flask import Flask\napp = Flask(__name__)\n")
    write(root, "vercel.json", json.dumps({
        "rewrites": [{"source": f"/r{i}/(.*)", "destination": "/api/index"} for i in range(max(n // 4, 1))],
        "crons": [{"path": f"/api/cron{i}", "schedule": "0 5 * * *"} for i in range(100)],
    }))


def starts_without_blocks(root, n):
    """n threads made and started at module level, in a file with no indented block (a
    fix asks for the file's indentation unit; the twelfth round's search scanned it all)."""
    write(root, "app.py", "import threading\n" + "".join(
        f"t{i} = threading.Thread(target=print)\nt{i}.start()\n" for i in range(n)))


def imports_and_calls(root, n):
    """n modules imported and n calls into them at import time, and a tenth as many
    `import *` with as many bare calls (the imports were scanned once per call)."""
    tenth = max(n // 10, 1)
    write(root, "app.py", "".join(f"import m{i}\n" for i in range(n)) + "".join(f"m{i}.f()\n" for i in range(n))
          + "".join(f"from w{i} import *\n" for i in range(tenth)) + "".join(f"g{i}()\n" for i in range(tenth)))


def classes(root, n):
    """n classes with a class attribute each, and module names between them (each
    assignment was checked against every class body)."""
    write(root, "app.py", "".join(f"class C{i}:\n    a = {{}}\nm{i} = {{}}\n" for i in range(n)))


def bracket_function_key(root, n):
    """A `functions` key of 20n unclosed '[' (each was looked up to the end of the key)."""
    write(root, "api/index.py", "def handler(request):\n    return 'x'\n")
    write(root, "vercel.json", json.dumps({"functions": {"api/" + "[" * (20 * n) + ".py": {"memory": 1024}}}))


def costly_route_regexes(root, n):
    """n // 20 legacy routes of about 1,800 automaton states each that 100 crons of 400-500
    characters pass up to their last: bounded by the run's regex budget
    (project/regex_cache.h), so flat."""
    write(root, "api/index.py", "from flask import Flask\napp = Flask(__name__)\n")
    write(root, "vercel.json", json.dumps({
        "routes": [{"src": "/(a?){600}b(?:" + "z" * (i % 500 + 1) + ")?", "dest": "/api/index"}
                   for i in range(max(n // 20, 1))],
        "crons": [{"path": "/" + "a" * (400 + i) + "by", "schedule": "0 5 * * *"} for i in range(100)],
    }))


def callers_elsewhere(root, n):
    """n // 20 worker modules of 20 polling loops each, chained and run only under their
    `__main__` guard, each called from the handlers of two api/ files, some spawned as tasks
    by a main.py that imports every worker (who runs a loop was a question per loop across
    all the modules: project/module_callers.h)."""
    modules = max(n // 20, 2)
    for i in range(modules):
        loops = "".join(f"def f{j}():\n    while True:\n        time.sleep(60)\n        f{j + 1}()\n"
                        for j in range(19))
        write(root, f"worker{i}.py", f"import time\n{loops}def f19():\n    time.sleep(60)\n"
              "if __name__ == '__main__':\n    f0()\n")
        other = (i + 1) % modules
        write(root, f"api/h{i}.py",
              f"import os, sys\nsys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))\n"
              f"import worker{i}\nimport worker{other}\nfrom http.server import BaseHTTPRequestHandler\n"
              f"class handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n"
              f"        worker{i}.f{i % 20}()\n        worker{other}.f19()\n")
    write(root, "main.py", "import asyncio\n" + "".join(f"import worker{i}\n" for i in range(modules))
          + "async def main():\n" + "".join(f"    asyncio.create_task(worker{i}.f0())\n" for i in range(modules))
          + "if __name__ == '__main__':\n    asyncio.run(main())\n")


SHAPES = [call_chain, big_class, import_graph, starts, rule_fixtures, fstrings, routes, function_patterns, crons_and_rewrites,
          starts_without_blocks, imports_and_calls, classes, bracket_function_key, costly_route_regexes,
          callers_elsewhere]


def run_once(faaslint, folder):
    start = time.perf_counter()
    process = subprocess.Popen([faaslint, "check", "--all", "--format", "json"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"faaslint exited with {code} on {folder}")
    return seconds, usage.ru_maxrss  # KiB on Linux


def measure(faaslint, shape, n, runs):
    folder = tempfile.mkdtemp(prefix=f"faaslint-scale-{shape.__name__}-")
    try:
        shape(folder, n)
        results = [run_once(faaslint, folder) for _ in range(runs + 1)][1:]  # one warm-up
        return statistics.median(r[0] for r in results), max(r[1] for r in results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--faaslint", default=os.path.join(ROOT, "build", "faaslint"))
    parser.add_argument("--n", type=int, default=2000, help="the small size (the large one is 8x)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", help="also write the table here")
    parser.add_argument("--shape", action="append", choices=[shape.__name__ for shape in SHAPES],
                        help="only this shape (repeatable; default: all)")
    args = parser.parse_args()
    args.faaslint = os.path.abspath(args.faaslint)  # the runs are in temporary folders
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    lines = [
        f"faaslint scale check, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}",
        f"machine: {machine()}",
        f"command: bench/scale.py --n {args.n} --runs {args.runs}" + "".join(f" --shape {s}" for s in args.shape or []),
        "",
        f"| shape | {args.n}: s | {8 * args.n}: s | ratio (8 linear, 64 quadratic) | peak RSS at {8 * args.n} |",
        "|---|---|---|---|---|",
    ]
    print("\n".join(lines), flush=True)
    for shape in [shape for shape in SHAPES if not args.shape or shape.__name__ in args.shape]:
        small, _ = measure(args.faaslint, shape, args.n, args.runs)
        large, rss = measure(args.faaslint, shape, 8 * args.n, args.runs)
        row = f"| {shape.__name__} | {small:.3f} | {large:.3f} | {large / small:.1f} | {rss / 1024:.0f} MB |"
        print(row, flush=True)
        lines.append(row)
    if args.out:
        with open(args.out, "w") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
