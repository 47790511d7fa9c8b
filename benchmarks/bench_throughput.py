"""Throughput of public pages and API lists (issue 10 §6), with and without the page cache.

Starts ``smenet serve`` (gunicorn, ``--workers`` processes, demo data, a throwaway SQLite data
directory, or the database of ``DATABASE_URL``) twice in the same run: once with
``SMENET_PAGE_CACHE=false`` (the baseline: every request renders) and once with it on. For each
it runs ``wrk`` with ``--connections`` concurrent clients against a static file and the public
pages, ``--reps`` times ``--seconds`` seconds each, and reports the median requests per second,
the ratio to the static file's rate in the same server run, and the median of the p95 latency.
A signed-in user's pages are measured twice: with ``--connections`` clients and with ``--few``
(the handful of people signed in at once that the network has: Secretariat, focal points).

Usage::

    .venv/bin/python benchmarks/bench_throughput.py [--seconds 10] [--reps 3] [--connections 20]
        [--few 4]

Needs ``wrk`` (Debian package ``wrk``). With ``DATABASE_URL`` set, both servers use that
PostgreSQL database (created beforehand; migrated and given the demo data on start-up).
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = os.environ.get("SMENET_DEMO_PASSWORD", "smenet-demo-2025")

PUBLIC = [
    ("static file", "/static/web/css/site.css"),
    ("home (en)", "/"),
    ("home (ar)", "/ar/"),
    ("members list", "/members/"),
    ("/api/v1/institutions/", "/api/v1/institutions/"),
    ("search page", "/search/?q=finance"),
]
SIGNED_IN = [
    ("home, signed in", "/"),
    ("my practices, signed in", "/knowledge/my-practices/"),
]

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("ERRORS %d\\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data_dir: Path, port: int, workers: int, cache: bool) -> subprocess.Popen:
    env = {
        **os.environ,
        "SMENET_DATA_DIR": str(data_dir),
        "SMENET_PAGE_CACHE": "true" if cache else "false",
        # One address sends every request here: the anonymous API limit (120/min in production)
        # is raised so that wrk measures serving, the throttle's bookkeeping (a read and a write
        # in the shared cache per API request, cached answers included) still counted.
        "SMENET_API_ANON_RATE": "100000000/min",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    log = (data_dir / f"serve-{port}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "smenet.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit((data_dir / f"serve-{port}.log").read_text()[-3000:])
        time.sleep(0.5)
    raise SystemExit("the server did not start")


def session_cookie(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/login/").read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {
            "username": "secretariat@smenet.example",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
        }
    ).encode()
    request = urllib.request.Request(base + "/login/", data=data, headers={"Referer": base})
    opener.open(request).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(url: str, seconds: int, connections: int, script: Path, cookie: str = "") -> tuple:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        "-H",
        "Accept-Encoding: gzip",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95 = int(re.search(r"P95_US (\d+)", out).group(1)) / 1000
    errors = int(re.search(r"ERRORS (\d+)", out).group(1))
    return rate, p95, errors


def measure(base: str, args, script: Path, cookie: str) -> dict[str, tuple[float, float, int]]:
    results: dict[str, list[tuple[float, float, int]]] = {}
    for _rep in range(args.reps):
        for label, path in PUBLIC:
            results.setdefault(label, []).append(
                wrk(base + path, args.seconds, args.connections, script)
            )
        for label, path in SIGNED_IN:
            results.setdefault(label, []).append(
                wrk(base + path, args.seconds, args.connections, script, cookie)
            )
            results.setdefault(f"{label}, {args.few} clients", []).append(
                wrk(base + path, args.seconds, args.few, script, cookie)
            )
    return {
        label: (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            sum(r[2] for r in runs),
        )
        for label, runs in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--few", type=int, default=4, help="clients for the signed-in pages' second measure"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "p95.lua"
        script.write_text(LUA)
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        runs = {}
        for cache in (False, True):
            port = free_port()
            process = start(data_dir, port, args.workers, cache)
            base = f"http://127.0.0.1:{port}"
            try:
                cookie = session_cookie(base)
                for _label, path in PUBLIC + SIGNED_IN:  # warm up (and fill the cache)
                    urllib.request.urlopen(base + path).read()  # noqa: S310
                runs[cache] = measure(base, args, script, cookie)
            finally:
                process.terminate()
                process.wait(timeout=60)

    load = os.getloadavg()
    print(
        f"{datetime.date.today()} · {platform.node()} · {os.cpu_count()} cores · "
        f"{'PostgreSQL' if os.environ.get('DATABASE_URL', '').startswith('postgres') else 'SQLite'} · "
        f"{args.connections} clients, {args.reps}× {args.seconds} s, {args.workers} workers · "
        f"load average after {load[0]:.1f}"
    )
    print("| request | no cache req/s | ratio | page cache req/s | ratio | p95 ms (cache) |")
    print("|---|---|---|---|---|---|")
    labels = [label for label, _path in PUBLIC]
    for label, _path in SIGNED_IN:
        labels += [label, f"{label}, {args.few} clients"]
    for label in labels:
        cells = []
        for cache in (False, True):
            rate, p95, errors = runs[cache][label]
            static = runs[cache]["static file"][0]
            cells += [
                f"{rate:,.0f}" + (f" ({errors} errors)" if errors else ""),
                f"{rate / static:.2f}",
            ]
        cells.append(f"{runs[True][label][1]:.0f}")
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
