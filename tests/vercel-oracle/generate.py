#!/usr/bin/env python3
"""Generates the differential cases for vercel.json and cron validation, runs Vercel's
own validators on them (../../../shared/vercel-oracle/oracle.mjs, or $VERCEL_ORACLE),
and writes cases.jsonl: each case with the oracle's verdicts and the verdict faaslint
must give. tests/unit/vercel_oracle_test.cpp checks faaslint against that file in CI.

Where faaslint is deliberately stricter than the oracle (it follows what fails a real
deploy, see docs/vercel-compat.md), the case carries a `deviation` naming the documented
reason; the expected verdict is then "rejected". The classifiers below decide that from
the case itself (the cron text, or the mutation that made the config), never from
faaslint's output.

Usage (development machine; node_modules of the oracle are not committed):
  VERCEL_ORACLE_DIR=/tmp/vercel-oracle python3 tests/vercel-oracle/generate.py
"""
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.environ.get("VERCEL_ORACLE", os.path.join(HERE, "../../../../shared/vercel-oracle/oracle.mjs"))
if not os.path.exists(ORACLE):
    ORACLE = "/work/shared/vercel-oracle/oracle.mjs"
OUT = os.path.join(HERE, "cases.jsonl")
PATTERNS_OUT = os.path.join(HERE, "patterns.jsonl")
rng = random.Random(20261128)  # fixed: the committed cases are reproducible

# ---------------------------------------------------------------- cron expressions
FIELDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]


def cron_valid_element(field):
    lo, hi = FIELDS[field]
    kind = rng.randrange(6)
    if kind == 0:
        return "*"
    if kind == 1:
        return f"*/{rng.randint(1, hi)}"
    a = rng.randint(lo, hi)
    if kind == 2:
        return str(a)
    b = rng.randint(a, hi)
    if kind == 3:
        return f"{a}-{b}"
    if kind == 4:
        return f"{a}-{b}/{rng.randint(1, max(1, hi))}"
    return ",".join(str(rng.randint(lo, hi)) for _ in range(rng.randint(2, 4)))


def cron_valid():
    fields = [cron_valid_element(i) for i in range(5)]
    if fields[2] != "*" and fields[4] != "*":
        fields[rng.choice([2, 4])] = "*"
    return " ".join(fields)


EDGE_TOKENS = ["0", "59", "60", "23", "24", "1", "31", "32", "12", "13", "6", "7", "-1", "00", "007", "*",
               "*/0", "*/1", "*/59", "*/60", "*/100", "5/10", "1-5", "5-1", "1-", "-5", "1,,2", ",1", "1,",
               "MON", "mon", "JAN", "L", "W", "5W", "LW", "?", "1#2", "0x1", "1e1", "1.0", "+1", " ", "*/",
               "*/x", "1-5/2", "1-5/0", "**", "*1", "1*", "1/", "a", "é", "0-59", "0-23", "1-31", "1-12", "0-6",
               "0-7", "7-7", "H", "1-2-3", "1/2/3", "\t"]


def cron_mutated(base):
    fields = base.split(" ")
    op = rng.randrange(8)
    if op <= 3:
        fields[rng.randrange(5)] = rng.choice(EDGE_TOKENS)
    elif op == 4:
        fields.insert(rng.randrange(6), rng.choice(["*", "0", "1"]))
    elif op == 5:
        del fields[rng.randrange(5)]
    elif op == 6:
        i = rng.randrange(5)
        fields[i] = fields[i] + rng.choice([",", "-", "/", "/2", "-3", ",5"])
    else:
        return rng.choice(["  ".join(fields), " " + " ".join(fields), " ".join(fields) + " ",
                           "\t".join(fields), " ".join(fields).upper()])
    return " ".join(fields)


FIXED_CRONS = ["0 0 * * *", "* * * * *", "*/5 * * * *", "0 8 * * 1-5", "0 0 1 * *", "0 0 * * 0", "0 0 * * 7",
               "0 0 1 * 1", "0 0 ? * *", "0 0 * * MON", "0 0 * JAN *", "@daily", "@hourly", "0 0 L * *",
               "0 0 * * 1#2", "*/1 * * * * *", "* * * *", "", " ", "0x1 0 * * *", "60 0 * * *", "0 24 * * *",
               "0 0 0 * *", "0 0 32 * *", "0 0 * 0 *", "0 0 * 13 *", "0 0 * * -1", "0,30 9-17 * * 1-5",
               "59 23 31 12 *", "0 0 31 2 *", "*/60 * * * *", "*/0 * * * *", "5/10 * * * *", "1,,2 * * * *",
               "0 0 * * 5-1", "0 0 1-31 * *", "0 12 * * 0-6", "0 0 1,15 * *", "15 14 1 * *", "0 22 * * 1-5",
               "23 0-20/2 * * *", "5 4 * * sun", "0 0,12 1 */2 *", "0 4 8-14 * *", "0 0 1,2 * *", "1.5 * * * *",
               "1 2 3 4 5 6 7", "0 0 * * 0,7", "0 0 * * 6,0", "00 00 * * *", "+1 * * * *", "0 0 * * 0-7"]


def cron_deviation(expr):
    """Why faaslint rejects a schedule the Vercel CLI's `crons add` validator accepts
    (docs/vercel-compat.md, "Cron schedules"). None when it should agree."""
    fields = expr.split()
    if len(fields) != 5:
        return None
    for i, field in enumerate(fields):
        for part in field.split(","):
            if part == "":
                return "cron-empty-list-element"
            rng_part, _, step = part.partition("/")
            for number in ([step] if "/" in part else []) + ([] if rng_part == "*" else rng_part.split("-")):
                if number and not number.isdigit():
                    return "cron-number-syntax"
            if "/" in part and rng_part != "*" and "-" not in rng_part:
                return "cron-step-without-range"
            if i == 4 and rng_part != "*" and "7" in [n.lstrip("0") or "0" for n in rng_part.split("-")]:
                return "cron-day-of-week-7"
    if fields[2] != "*" and fields[4] != "*":
        return "cron-both-day-fields"
    return None


def cron_cases(n):
    exprs = list(FIXED_CRONS)
    seen = set(exprs)
    while len(exprs) < n:
        e = cron_valid() if rng.random() < 0.35 else cron_mutated(cron_valid())
        if e not in seen:
            seen.add(e)
            exprs.append(e)
    return [{"id": f"cron-{i:04d}", "kind": "cron", "value": e} for i, e in enumerate(exprs)]


# ---------------------------------------------------------------- configs
FILES = ["api/index.py", "api/cron.py", "api/users/[id].py", "requirements.txt", "app.py", "public/index.html"]

BASES = [
    {},
    {"functions": {"api/index.py": {"memory": 1024, "maxDuration": 60}}},
    {"functions": {"api/*.py": {"maxDuration": 30}}, "crons": [{"path": "/api/cron", "schedule": "0 0 * * *"}]},
    {"rewrites": [{"source": "/(.*)", "destination": "/api/index"}]},
    {"rewrites": [{"source": "/api/:path*", "destination": "/api/index.py"}], "cleanUrls": True},
    {"redirects": [{"source": "/old/:slug", "destination": "/new/:slug", "permanent": True}]},
    {"headers": [{"source": "/(.*)", "headers": [{"key": "X-Frame-Options", "value": "DENY"}]}]},
    {"routes": [{"src": "/(.*)", "dest": "/api/index.py"}]},
    {"routes": [{"handle": "filesystem"}, {"src": "/api/(.*)", "dest": "/api/index.py"}]},
    {"builds": [{"src": "api/index.py", "use": "@vercel/python"}], "routes": [{"src": "/(.*)", "dest": "api/index.py"}]},
    {"$schema": "https://openapi.vercel.sh/vercel.json", "regions": ["iad1"], "trailingSlash": False},
    {"crons": [{"path": "/api/cron", "schedule": "*/5 * * * *"}, {"path": "/api/index", "schedule": "0 8 * * 1-5"}]},
    {"images": {"sizes": [256, 640], "domains": ["example.com"]}},
    {"git": {"deploymentEnabled": {"main": True}}, "github": {"silent": True}},
    {"buildCommand": None, "installCommand": "pip install -r requirements.txt", "outputDirectory": "public"},
    {"functions": {"api/**/*.py": {"memory": 512, "includeFiles": "data/**", "excludeFiles": "tests/**"}}},
]

UNKNOWN_TOP = ["public", "_comment", "comment", "description", "functionz", "rewrite", "cron", "Functions",
               "cleanUrl", "runtime", "python", "maxDuration", "memory", "app"]

SOURCES = ["/(.*)", "/api/(.*)", "/:path*", "/:path+", "/:path?", "/blog/:slug", "/a/:b/:c", "/api/*", "/*",
           "/**", "/(.*", "/api/(?!x).*", "/((?!api).*)", "/(?!api)", "/:", "/a{/:b}?", "/a{/:b", "/a}", "/()",
           "/((a))", "/:id(\\d+)", "/:id(\\d+", "/(a|b)", "/[abc]", "/[abc", "/a\\", "/a?", "/a+", "/?",
           "/users/:id", "/:lang(en|fr)/:rest*", "/(?<name>x)", "/x/:y*/z", "/x(.*)", "/:a-:b", "/:a.:ext",
           "https://:sub.example.com/:path*", "/{x}", "/\\(x\\)", "/%20", "/é", "", "/a{2,1}", "/a{1}"]

DESTS = ["/api/index", "/api/index.py", "/api/index?path=:path*", "/new/:slug", "/:path*", "/x/:missing",
         "https://example.com/:path*", "https://:sub.example.com/", "/api?x=:user&y=1", "/$1", "/(.*)",
         "/a/:b/:c", "/users.py?user=:id", "/:lang/:rest*"]

ROUTE_SRCS = ["/(.*)", "/api/(.*)", "/(.*", "*", "/**", "^/a$", "/a\\/b", "(?<x>a)\\k<x>", "(?<x>a)\\k<y>",
              "[z-a]", "a{2,1}", "(?i:a)", "/a)", "\\", "/(?<=a)+", "/a{1}{2}", "/[", "/]", "/{", "/}", "/.*"]


def deep(o):
    return json.loads(json.dumps(o))


# Top-level properties the CLI's validateConfig schema checks (vercel@58.10.0,
# buildVercelConfigSchema); it lets every other top-level value through unchecked.
CLI_SCHEMA_TOP_LEVEL = {"builds", "routes", "cleanUrls", "headers", "redirects", "rewrites", "trailingSlash",
                        "functions", "images", "crons", "bunVersion", "proxy", "experimentalServices",
                        "experimentalServiceGroups", "services", "experimentalServicesV2"}


# What the deployment API takes for the top-level properties the CLI leaves unchecked
# (@vercel/config 0.7.2 VercelConfig types; docs/project-configuration/vercel-json).
def _str(v):
    return isinstance(v, str)


DEPLOY_TYPES = {
    "regions": lambda v: isinstance(v, list) and all(map(_str, v)),
    "buildCommand": lambda v: v is None or _str(v),
    "outputDirectory": lambda v: v is None or _str(v),
    "framework": lambda v: v is None or _str(v),
    "name": _str,
    "env": lambda v: isinstance(v, dict) and all(map(_str, v.values())),
    "alias": lambda v: _str(v) or isinstance(v, list),
    "version": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "fluid": lambda v: isinstance(v, bool),
    "git": lambda v: isinstance(v, dict) and set(v) <= {"deploymentEnabled", "exclusivity"} and
    isinstance(v.get("deploymentEnabled", True), (bool, dict)),
}


def mutate(config):
    """Applies one mutation; returns (config, tag). The tag names what was done, and
    doubles as the documented deviation when faaslint is deliberately stricter."""
    c = deep(config)
    op = rng.randrange(22)
    tag = None
    if op == 0:
        c[rng.choice(UNKNOWN_TOP)] = rng.choice([True, "x", 1, {}, None])
        tag = "unknown-top-level"
    elif op == 1:
        fn = c.setdefault("functions", {"api/index.py": {"memory": 1024}})
        key = next(iter(fn))
        fn[key][rng.choice(["maxduration", "Memory", "timeout", "handler", "affinity", "env"])] = 1
    elif op == 2:
        fn = c.setdefault("functions", {"api/index.py": {"maxDuration": 10}})
        key = next(iter(fn))
        value = rng.choice([0, 64, 127, 128, 129, 1024, 3008, 4096, 10240, 10241, -1, 1024.5, "1024", None, True])
        fn[key]["memory"] = value
        if isinstance(value, (str, float)) and not isinstance(value, bool):
            tag = "memory-not-integer"
    elif op == 3:
        fn = c.setdefault("functions", {"api/index.py": {"memory": 1024}})
        key = next(iter(fn))
        fn[key]["maxDuration"] = rng.choice([0, 1, 10, 60, 300, 800, 801, 900, 1800, 1801, "max", "MAX", 10.5,
                                             "60", -5, None])
    elif op == 4:
        fn = c.setdefault("functions", {"api/index.py": {"memory": 1024}})
        key = next(iter(fn))
        fn[key]["runtime"] = rng.choice(["python3.12", "vercel-php@0.7.3", "@vercel/python@4.0.0", "now-php@1.0.0",
                                         "vercel-php@latest", "x@1.0", "@1.2.3", "v1.2.3", "x@v1.2.3",
                                         "x@1.2.3-beta.1", "x@01.2.3", "x@1.2.3+build", ""])
    elif op == 5:
        key = rng.choice(["/api/index.py", "api/missing.py", "api/*.py", "api/**/*.py", "", "x" * 257,
                          "api/users/[id].py", "app.py", "/app.py", "api/*.js"])
        c["functions"] = {key: {"memory": 1024}}
    elif op == 6:
        pair = rng.choice([("functions", "builds"), ("proxy", "builds")])
        c["functions" if pair[0] == "functions" else "proxy"] = (
            {"api/index.py": {"memory": 1024}} if pair[0] == "functions" else {"entrypoint": "proxy.ts"})
        c["builds"] = [{"src": "api/index.py", "use": "@vercel/python"}]
    elif op == 7:
        route = {"src": "/a", "dest": "/b"}
        route[rng.choice(["source", "destination", "statusCode"])] = rng.choice(["/c", 301])
        if "statusCode" in route:
            route["status"] = 302
        c["routes"] = [route]
    elif op == 8:
        redirect = {"source": "/a", "destination": "/b"}
        redirect.update(rng.choice([{"permanent": True, "statusCode": 301}, {"permanent": False},
                                    {"statusCode": 308}, {"statusCode": 99}, {"statusCode": 1000}]))
        c["redirects"] = [redirect]
    elif op in (9, 10, 11):
        kind = rng.choice(["rewrites", "redirects", "headers"])
        entry = {"source": rng.choice(SOURCES)}
        if kind == "headers":
            entry["headers"] = [{"key": "x", "value": "y"}]
        else:
            entry["destination"] = rng.choice(DESTS)
        if rng.random() < 0.2:
            entry["has"] = [rng.choice([{"type": "header", "key": "user"}, {"type": "query", "key": "x", "value": "(?<user>.*)"},
                                        {"type": "host", "value": "(?<sub>.*)\\.example\\.com"}])]
        c[kind] = [entry]
    elif op == 12:
        c["routes"] = [{"src": rng.choice(ROUTE_SRCS), "dest": "/api/index.py"}]
    elif op == 13:
        c["crons"] = [rng.choice([{"path": "api/cron", "schedule": "0 0 * * *"}, {"path": "/api/cron"},
                                  {"schedule": "0 0 * * *"}, {"path": "/api/cron", "schedule": "* * * *"},
                                  {"path": "/api/cron", "schedule": "0 0 * * *", "_comment": "x"},
                                  {"path": "", "schedule": "0 0 * * *"}, {"path": "/x" * 300, "schedule": "0 0 * * *"},
                                  {"path": "/api/cron", "schedule": "0 0 * * * " + " " * 260},
                                  {"path": "/api/cron?x=1", "schedule": "5 4 * * *"}])]
    elif op == 14:
        key = rng.choice(["cleanUrls", "trailingSlash", "regions", "buildCommand", "framework", "name", "env",
                          "alias", "version", "fluid", "bunVersion", "outputDirectory"])
        c[key] = rng.choice(["true", 1, True, None, ["iad1"], "iad1", {"A": "b"}, {"A": 1}, 2, "x"])
        if key not in CLI_SCHEMA_TOP_LEVEL and not DEPLOY_TYPES[key](c[key]):
            tag = "cli-unchecked-top-level"
    elif op == 15:
        c[rng.choice(["rewrites", "redirects", "headers", "crons", "routes", "builds"])] = rng.choice(
            [{}, "x", [1], [{}], [None], None, []])
    elif op == 16:
        c["routes"] = [{"src": "/(.*)", "dest": "/api/index.py"}]
        c[rng.choice(["rewrites", "redirects", "headers", "cleanUrls", "trailingSlash"])] = rng.choice(
            [[], True, [{"source": "/x", "destination": "/y"}]])
    elif op == 17:
        c["routes"] = rng.choice([
            [{"handle": "filesystem"}, {"handle": "filesystem"}],
            [{"handle": "hit"}, {"src": "/a", "dest": "/b"}],
            [{"handle": "hit"}, {"src": "/a", "continue": True}],
            [{"handle": "miss"}, {"src": "/a", "dest": "/b"}],
            [{"handle": "miss"}, {"src": "/a", "dest": "/b", "check": True}],
            [{"handle": "unknown"}],
            [{"handle": "filesystem", "src": "/a"}],
            [{"dest": "/b"}],
        ])
    elif op == 18:
        c["images"] = rng.choice([{"sizes": [1]}, {}, {"sizes": []}, {"sizes": [1], "formats": ["image/gif"]},
                                  {"sizes": [1], "remotePatterns": [{"hostname": "x", "protocol": "ftp"}]},
                                  {"sizes": [1], "minimumCacheTTL": 0}, {"sizes": [1], "qualities": [101]}])
    elif op == 19:
        c["functions"] = {f"api/f{i}.py": {"memory": 1024} for i in range(rng.choice([1, 50, 51]))}
    elif op == 20:
        c["git"] = rng.choice([{"deploymentEnabled": False}, {"deploymentEnabled": "no"}, {"enabled": True},
                               {"exclusivity": {"teams": []}}])
        if not DEPLOY_TYPES["git"](c["git"]):
            tag = "cli-unchecked-top-level"
    else:
        c["functions"] = {"api/index.py": rng.choice([{}, [], "x", {"architecture": "arm64"},
                                                       {"architecture": "x86"}, {"regions": "iad1"},
                                                       {"maxConcurrency": 0}, {"supportsCancellation": "yes"},
                                                       {"includeFiles": ["a"]}, {"excludeFiles": "x" * 300}])}
    return c, tag


def config_cases(n):
    cases = []
    for i, base in enumerate(BASES):
        cases.append({"id": f"config-base-{i:02d}", "kind": "config", "value": base, "files": FILES, "tag": None})
    while len(cases) < n:
        config, tag = mutate(rng.choice(BASES))
        if rng.random() < 0.15:
            config, tag2 = mutate(config)
            tag = tag or tag2
        cases.append({"id": f"config-{len(cases):04d}", "kind": "config", "value": config, "files": FILES, "tag": tag})
    return cases


# ---------------------------------------------------------------- oracle and verdicts
def run_oracle(cases):
    base = os.environ.get("VERCEL_ORACLE_DIR", "/tmp/vercel-oracle")
    payload = "\n".join(json.dumps({k: c[k] for k in ("id", "kind", "value", "files") if k in c}) for c in cases)
    # The oracle reads stdin with readFileSync(0), which fails with EAGAIN on a pipe:
    # hand it a regular file instead.
    with tempfile.TemporaryFile("w+") as stdin:
        stdin.write(payload)
        stdin.seek(0)
        out = subprocess.run(["node", ORACLE, "--jsonl"], stdin=stdin, capture_output=True, text=True,
                             env=dict(os.environ, VERCEL_ORACLE_DIR=base))
    if out.returncode != 0:
        sys.exit(f"oracle failed ({out.returncode}): {out.stderr[-2000:]}")
    results = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        results[r["id"]] = r["results"]
    return results


def slim(result):
    return {name: {"ok": bool(r.get("ok")), **({"code": r["code"]} if r.get("code") else {}),
                   **({"message": str(r.get("message"))[:300]} if not r.get("ok") else {})}
            for name, r in result.items()}


def cron_verdict(case, oracle):
    reference_ok = oracle["cli_crons_add"]["ok"] and oracle["cli_schema"]["ok"]
    deviation = cron_deviation(case["value"]) if reference_ok else None
    return {"expect_ok": reference_ok and deviation is None, "deviation": deviation}


def config_verdict(case, oracle):
    fsd = oracle.get("fsdetectors_detectBuilders", {"ok": True})
    fsd_blocks = not fsd["ok"] and fsd.get("code") != "unused_function"
    reference_ok = oracle["cli_validateConfig"]["ok"] and oracle["routes_v6"]["ok"] and not fsd_blocks
    deviation = case["tag"] if reference_ok and case["tag"] in DOCUMENTED_CONFIG_DEVIATIONS else None
    verdict = {"expect_ok": reference_ok and deviation is None, "deviation": deviation,
               # FL608 mirrors routing-utils 5 (older CLIs): `routes` mixed with the newer properties.
               "expect_legacy_mix": oracle["routes_v5"].get("code") == "invalid_mixed_routes"}
    # FL605 mirrors fs-detectors' unused_function, when that check was reached.
    if fsd["ok"] or fsd.get("code") == "unused_function":
        verdict["expect_unused_function"] = not fsd["ok"]
    return verdict


DOCUMENTED_CONFIG_DEVIATIONS = {"unknown-top-level", "memory-not-integer", "cli-unchecked-top-level"}


# ---------------------------------------------------------------- regexes and path patterns
# Random short strings over the characters that matter, judged by Node's own RegExp and
# by path-to-regexp 6.1.0 (the version @vercel/routing-utils 6.6.0 compiles `source` with).
NODE_PATTERNS = r"""
const {pathToRegexp} = require(process.env.VERCEL_ORACLE_DIR + '/node_modules/path-to-regexp');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(c => {
  try {
    if (c.kind === 'regex') { new RegExp(c.value); return {ok: true}; }
    return {ok: true, source: pathToRegexp(c.value, [], {strict: true, sensitive: true, delimiter: '/'}).source};
  } catch (e) { return {ok: false, message: e.message}; }
});
process.stdout.write(JSON.stringify(out));
"""


def pattern_cases():
    rx_alpha = "()[]{}*+?|^$\\.:<>=!,-0123456789abkdwsc/"
    path_alpha = "/:(){}*+?\\.ab1_-[]|"
    cases = [{"kind": "regex", "value": "".join(rng.choice(rx_alpha) for _ in range(rng.randint(1, 10)))}
             for _ in range(3000)]
    cases += [{"kind": "path", "value": "/" + "".join(rng.choice(path_alpha) for _ in range(rng.randint(0, 9)))}
              for _ in range(3000)]
    base = os.environ.get("VERCEL_ORACLE_DIR", "/tmp/vercel-oracle")
    with tempfile.TemporaryFile("w+") as stdin:
        stdin.write(json.dumps(cases))
        stdin.seek(0)
        out = subprocess.run(["node", "-e", NODE_PATTERNS], stdin=stdin, capture_output=True, text=True,
                             env=dict(os.environ, VERCEL_ORACLE_DIR=base))
    if out.returncode != 0:
        sys.exit(f"node failed: {out.stderr[-2000:]}")
    with open(PATTERNS_OUT, "w") as f:
        for case, verdict in zip(cases, json.loads(out.stdout)):
            f.write(json.dumps({**case, **verdict}, ensure_ascii=False) + "\n")


def main():
    cases = config_cases(600) + cron_cases(2200)
    results = run_oracle(cases)
    with open(OUT, "w") as f:
        for case in cases:
            oracle = results[case["id"]]
            verdict = cron_verdict(case, oracle) if case["kind"] == "cron" else config_verdict(case, oracle)
            record = {"id": case["id"], "kind": case["kind"], "value": case["value"]}
            if case["kind"] == "config":
                record["files"] = case["files"]
                record["text"] = json.dumps(case["value"], indent=2, ensure_ascii=False)
            record.update(verdict)
            record["oracle"] = slim(oracle)
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
    kinds = {}
    for case in cases:
        kinds[case["kind"]] = kinds.get(case["kind"], 0) + 1
    print(f"wrote {OUT}: {kinds}", file=sys.stderr)
    pattern_cases()
    print(f"wrote {PATTERNS_OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
