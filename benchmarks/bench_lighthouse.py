"""Lighthouse on the four pages of issue 17, with the mobile and the desktop presets.

Runs Lighthouse 12 (npm, pinned in ``benchmarks/lighthouse/package.json``; installed there with
``npm ci`` on first use) with the system Chromium against a running SMENET, ``--runs`` times per
page and preset, and prints the median of each category score, the cumulative layout shift and
the page weight by resource type. The machine's load average is recorded with every run:
Lighthouse's performance score is sensitive to CPU, so compare runs made under similar load.

Usage::

    make run &                                   # or any SMENET with the demo data
    .venv/bin/python benchmarks/bench_lighthouse.py --url http://127.0.0.1:8000 [--runs 3]
        [--pages /,/ar/] [--presets mobile,desktop] [--json results.json]

Without ``--url`` the script serves the platform itself (``smenet serve`` in a throwaway data
directory, demo data loaded) on a free port and stops it at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LH_DIR = Path(__file__).resolve().parent / "lighthouse"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("SMENET_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The flags of tests/browser/conftest.py, headless.
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
PAGES = ["/", "/ar/", "/members/", "/ar/knowledge/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def ensure_lighthouse() -> None:
    if LH_BIN.exists():
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit("npm is needed to install Lighthouse (apt-get install npm)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=LH_DIR, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve() -> tuple[subprocess.Popen, str, str]:
    data = tempfile.mkdtemp(prefix="smenet-lh-")
    port = free_port()
    env = dict(os.environ, SMENET_DATA_DIR=data, DATABASE_URL="")
    proc = subprocess.Popen(
        [sys.executable, "-m", "smenet.cli", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
            return proc, url, data
        except OSError:
            if proc.poll() is not None:
                sys.exit("smenet serve stopped before it answered")
            time.sleep(2)
    proc.terminate()
    sys.exit("smenet serve did not answer within 10 minutes")


def run_once(url: str, preset: str, out: Path) -> dict:
    args = [
        str(LH_BIN),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if preset == "desktop":
        args.append("--preset=desktop")
    before = load()
    # On a loaded machine Lighthouse now and then loses its trace (NO_NAVSTART, NO_FCP): try
    # again, up to three times, and say so.
    for attempt in range(3):
        done = subprocess.run(args, env=dict(os.environ, CHROME_PATH=CHROMIUM))
        if done.returncode == 0:
            break
        print(f"  (Lighthouse failed on {url}, attempt {attempt + 1}; again)", flush=True)
    else:
        raise RuntimeError(f"Lighthouse failed three times on {url}")
    report = json.loads(out.read_text())
    audits = report["audits"]
    weights: dict[str, int] = {}
    for item in audits["resource-summary"]["details"]["items"]:
        weights[item["resourceType"]] = item["transferSize"]
    failed = sorted(
        audit_id
        for cat in CATEGORIES
        for ref in report["categories"][cat]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"]) in audits
        and audits[audit_id]["score"] is not None
        and audits[audit_id]["score"] < 0.9
    )
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "weights": weights,
        "failed_audits": failed,
        "load_before": before,
        "load_after": load(),
    }


def median_of(runs: list[dict]) -> dict:
    def med(values):
        return statistics.median(values)

    return {
        "scores": {c: med([r["scores"][c] for r in runs]) for c in CATEGORIES},
        "cls": med([r["cls"] for r in runs]),
        "lcp_ms": med([r["lcp_ms"] for r in runs]),
        "weights": {k: med([r["weights"].get(k, 0) for r in runs]) for k in runs[0]["weights"]},
        "failed_audits": sorted({a for r in runs for a in r["failed_audits"]}),
        "loads": [r["load_before"] for r in runs],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running SMENET (default: serve one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--json", help="write every run and the medians to this file")
    parser.add_argument("--keep-reports", help="keep Lighthouse's JSON reports in this folder")
    ns = parser.parse_args()

    ensure_lighthouse()
    server = None
    url = ns.url
    if not url:
        server, url, data_dir = serve()
    url = url.rstrip("/")
    reports = Path(ns.keep_reports or tempfile.mkdtemp(prefix="smenet-lh-reports-"))
    reports.mkdir(parents=True, exist_ok=True)
    print(
        f"# Lighthouse 12 on {url}, {platform.node()} ({os.cpu_count()} CPUs), "
        f"{time.strftime('%Y-%m-%d %H:%M')}, load at start {load()}",
        flush=True,
    )
    results: dict[str, dict] = {}
    try:
        for preset in ns.presets.split(","):
            for page in ns.pages.split(","):
                runs = []
                for n in range(ns.runs):
                    name = f"{preset}{page.replace('/', '_')}{n}.json"
                    run = run_once(url + page, preset, reports / name)
                    runs.append(run)
                    print(
                        f"  {preset:7} {page:16} run {n + 1}: "
                        + " ".join(f"{c[:4]} {run['scores'][c]}" for c in CATEGORIES)
                        + f" CLS {run['cls']:.3f} load {run['load_before']}",
                        flush=True,
                    )
                results[f"{preset} {page}"] = {"runs": runs, "median": median_of(runs)}
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
            shutil.rmtree(data_dir, ignore_errors=True)

    print("\n| preset | page | perf | a11y | best pr. | SEO | CLS | LCP ms | bytes (by type) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key, value in results.items():
        preset, page = key.split(" ", 1)
        m = value["median"]
        w = m["weights"]
        kinds = ", ".join(f"{k} {int(v):,}" for k, v in sorted(w.items()) if k != "total" and v)
        print(
            f"| {preset} | `{page}` | "
            + " | ".join(f"{m['scores'][c]:g}" for c in CATEGORIES)
            + f" | {m['cls']:.3f} | {m['lcp_ms']:.0f} | total {int(w.get('total', 0)):,}: {kinds} |"
        )
    failed = sorted({a for v in results.values() for a in v["median"]["failed_audits"]})
    print(f"\nAudits below 0.9 in any run: {', '.join(failed) or 'none'}")
    if ns.json:
        Path(ns.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
