"""Benchmark of the capacity-building matching engine against two baselines.

Methods, all on the same seeded instances:

* ``engine``  -- ``smenet.capacity.matching.run`` end to end (validation, solving, output).
* ``milp``    -- the plain formulation: one binary variable per feasible activity, solved
                 by scipy.optimize.milp (HiGHS).  Skipped when the instance has more
                 candidate activities than ``--milp-max-candidates``; has a time limit.
* ``greedy``  -- take candidate activities in order of score (desc), then subject,
                 beneficiary, provider, whenever they are still feasible.

Each (instance, method) runs in a fresh Python process, so that its peak resident memory
(``ru_maxrss``) can be reported; tracemalloc's peak (Python and numpy allocations, not
HiGHS's C++ ones) is measured on one extra, untimed run.  The first call in the process,
which includes importing scipy, is reported separately from the median of the timed runs.

Usage::

    python benchmarks/bench_matching.py                 # all sizes, markdown table on stdout
    python benchmarks/bench_matching.py --sizes network,mid --reps 3
    python benchmarks/bench_matching.py --output /tmp/bench.md
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# name -> (institutions, subjects, need probability, capacity probability, seed,
#          one country per institution, allow_same_country)
SIZES: dict[str, tuple[int, int, float, float, int, bool, bool]] = {
    "network": (57, 21, 0.5, 0.5, 1, True, False),
    "mid": (250, 30, 0.5, 0.5, 2, False, False),
    "scarce": (250, 30, 0.6, 0.1, 4, False, False),
    "large": (1000, 40, 0.5, 0.5, 3, False, False),
    "large-same-country": (1000, 40, 0.5, 0.5, 3, False, True),
}
DEFAULT_SIZES = "network,mid,scarce,large,large-same-country"
DEFAULT_REPS = {"network": 20, "mid": 5, "scarce": 5, "large": 5, "large-same-country": 5}
MILP_MAX_REPS = 3
LANGUAGES = ["ar", "en", "fr", "tr", "ru", "fa", "ms", "id"]
LANGUAGE_WEIGHTS = [25, 25, 15, 10, 8, 7, 5, 5]
N_COUNTRIES = 57


def generate(name: str) -> dict[str, Any]:
    """A seeded, reproducible instance (JSON-compatible dict, matching input version 1).

    57 countries; 8 languages with OIC-like weights, 1-3 per institution; every subject is a
    need (1-3) with the need probability and a capacity (level 1-3, max_activities 1-3)
    with the capacity probability, independently; half of the institutions cap what they
    receive at 2..subjects/2.  "network" gives each institution its own country;
    "scarce" has few capacities; "large-same-country" is "large" with
    ``allow_same_country`` (the engine's slowest case: hub chains keyed by institution).
    """
    n_inst, n_subj, need_p, cap_p, seed, distinct, same_country = SIZES[name]
    rng = random.Random(seed)
    subjects = [f"subject-{j:02d}" for j in range(n_subj)]
    countries = [f"C{j:02d}" for j in range(N_COUNTRIES)]
    if distinct:
        rng.shuffle(countries)
    institutions = []
    for i in range(n_inst):
        langs: list[str] = []
        for _ in range(rng.randint(1, 3)):
            lang = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
            if lang not in langs:
                langs.append(lang)
        needs = {s: rng.randint(1, 3) for s in subjects if rng.random() < need_p}
        capacities = {
            s: {"level": rng.randint(1, 3), "max_activities": rng.randint(1, 3)}
            for s in subjects
            if rng.random() < cap_p
        }
        institutions.append(
            {
                "id": f"inst-{i:04d}",
                "country": countries[i % N_COUNTRIES] if distinct else rng.choice(countries),
                "languages": langs,
                "needs": needs,
                "capacities": capacities,
                "max_received": None if rng.random() < 0.5 else rng.randint(2, n_subj // 2),
            }
        )
    return {
        "subjects": subjects,
        "institutions": institutions,
        "options": {"require_common_language": True, "allow_same_country": same_country},
    }


# --------------------------------------------------------------------------- baselines


def _arrays(data: dict[str, Any]) -> tuple[list[dict[str, Any]], Any, Any]:
    import numpy as np

    insts = sorted(data["institutions"], key=lambda x: x["id"])
    # provider and beneficiary must differ in "country" (or only in id when allowed)
    field = "id" if data.get("options", {}).get("allow_same_country") else "country"
    country = np.array([x[field] for x in insts])
    langmask = np.array(
        [sum(1 << LANGUAGES.index(lang) for lang in x["languages"]) for x in insts], dtype=np.int64
    )
    return insts, country, langmask


def count_candidates(data: dict[str, Any]) -> int:
    """Number of feasible single activities (the naive formulation's variables)."""
    import numpy as np

    insts, country, langmask = _arrays(data)
    total = 0
    for s in data["subjects"]:
        prov = np.array(
            [
                i
                for i, x in enumerate(insts)
                if s in x["capacities"]
                and x["capacities"][s]["max_activities"] >= 1
                and x["capacities"][s]["level"] >= 1
            ],
            dtype=np.int64,
        )
        ben = np.array(
            [i for i, x in enumerate(insts) if x["needs"].get(s, 0) >= 1], dtype=np.int64
        )
        if len(prov) and len(ben):
            ok = (country[prov][:, None] != country[ben][None, :]) & (
                (langmask[prov][:, None] & langmask[ben][None, :]) != 0
            )
            total += int(ok.sum())
    return total


def milp_solve(data: dict[str, Any], time_limit: float) -> tuple[int | None, str]:
    """Plain binary program, one variable per feasible activity (HiGHS through scipy)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    insts, country, langmask = _arrays(data)
    n = len(insts)
    subj_index = {s: j for j, s in enumerate(data["subjects"])}
    cols_p, cols_b, cols_s, scores = [], [], [], []
    for s, j in subj_index.items():
        prov = [i for i, x in enumerate(insts) if s in x["capacities"]]
        prov = [
            i
            for i in prov
            if insts[i]["capacities"][s]["max_activities"] >= 1
            and insts[i]["capacities"][s]["level"] >= 1
        ]
        ben = [i for i, x in enumerate(insts) if x["needs"].get(s, 0) >= 1]
        if not prov or not ben:
            continue
        p_arr, b_arr = np.array(prov), np.array(ben)
        ok = (country[p_arr][:, None] != country[b_arr][None, :]) & (
            (langmask[p_arr][:, None] & langmask[b_arr][None, :]) != 0
        )
        pi, bi = np.nonzero(ok)
        level = np.array([insts[i]["capacities"][s]["level"] for i in prov])
        need = np.array([insts[i]["needs"][s] for i in ben])
        cols_p.append(p_arr[pi])
        cols_b.append(b_arr[bi])
        cols_s.append(np.full(len(pi), j))
        scores.append(level[pi] * need[bi])
    if not scores:
        return 0, "optimal"
    p = np.concatenate(cols_p)
    b = np.concatenate(cols_b)
    s_ = np.concatenate(cols_s)
    w = np.concatenate(scores)
    m = len(w)
    n_subj = len(subj_index)
    var = np.arange(m)
    # rows: (b, s) slots, then (p, s) capacities, then beneficiaries with a cap
    slot_rows = b * n_subj + s_
    prov_rows = n * n_subj + p * n_subj + s_
    capped = np.array([x["max_received"] is not None for x in insts])
    recv_row_of = np.full(n, -1)
    recv_row_of[capped] = 2 * n * n_subj + np.arange(int(capped.sum()))
    has_recv = recv_row_of[b] >= 0
    rows = np.concatenate((slot_rows, prov_rows, recv_row_of[b][has_recv]))
    cols = np.concatenate((var, var, var[has_recv]))
    ub = np.zeros(2 * n * n_subj + int(capped.sum()))
    ub[: n * n_subj] = 1
    for i, x in enumerate(insts):
        for s, cap in x["capacities"].items():
            ub[n * n_subj + i * n_subj + subj_index[s]] = cap["max_activities"]
        if x["max_received"] is not None:
            ub[recv_row_of[i]] = x["max_received"]
    a = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ub), m)).tocsr()
    res = milp(
        c=-w.astype(float),
        constraints=LinearConstraint(a, -np.inf, ub),
        integrality=np.ones(m),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0, "time_limit": time_limit},
    )
    if res.status != 0:
        return None, f"status {res.status}: {res.message}"
    return int(round(-res.fun)), "optimal"


def greedy_solve(data: dict[str, Any]) -> int:
    """Candidates by (score desc, subject, beneficiary, provider); take each if feasible.

    Enumerated lazily: for each score, subject and beneficiary, providers of the matching
    level are scanned in id order and the first feasible one is taken (which is what the
    sorted list would give, without materialising millions of candidates).
    """
    insts, country_arr, _ = _arrays(data)
    country = country_arr.tolist()
    mask = [sum(1 << LANGUAGES.index(lang) for lang in x["languages"]) for x in insts]
    limit = [x["max_received"] for x in insts]
    received = [0] * len(insts)
    remaining: dict[tuple[int, str], int] = {}
    by_level: dict[tuple[str, int], list[int]] = {}
    for i, x in enumerate(insts):
        for s, cap in x["capacities"].items():
            if cap["level"] >= 1 and cap["max_activities"] >= 1:
                remaining[(i, s)] = cap["max_activities"]
                by_level.setdefault((s, cap["level"]), []).append(i)
    served: set[tuple[int, str]] = set()
    total = 0
    for score in (9, 6, 4, 3, 2, 1):
        for s in sorted(data["subjects"]):
            for b, x in enumerate(insts):
                need = x["needs"].get(s, 0)
                if need < 1 or score % need or (s, score // need) not in by_level:
                    continue
                if (b, s) in served or (limit[b] is not None and received[b] >= limit[b]):
                    continue
                providers = by_level[(s, score // need)]
                for p in providers:
                    if country[p] != country[b] and mask[p] & mask[b]:
                        served.add((b, s))
                        received[b] += 1
                        total += score
                        remaining[(p, s)] -= 1
                        if remaining[(p, s)] == 0:
                            providers.remove(p)
                        break
    return total


# --------------------------------------------------------------------------- child process


def child(size: str, method: str, reps: int, milp_max: int, milp_time: float) -> dict[str, Any]:
    data = generate(size)
    out: dict[str, Any] = {"size": size, "method": method}
    if method == "engine":
        from smenet.capacity.matching import parse_input, run, solve

        def call() -> Any:
            return run(data)

        out["stats"] = None
    elif method == "milp":
        n_cand = count_candidates(data)
        if n_cand > milp_max:
            out["skipped"] = f"skipped: {n_cand:,} binary variables > --milp-max-candidates"
            out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return out

        def call() -> Any:
            return milp_solve(data, milp_time)

    else:

        def call() -> Any:
            return greedy_solve(data)

    t0 = time.perf_counter()
    first = call()
    out["first_call_s"] = time.perf_counter() - t0
    times = []
    for _ in range(max(reps - 1, 0)):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    times = times or [out["first_call_s"]]
    out["median_s"] = statistics.median(times)
    out["min_s"] = min(times)
    out["max_s"] = max(times)
    out["reps"] = len(times)
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    call()
    out["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    if method == "engine":
        out["score"] = first["total_score"]
        out["activities"] = len(first["activities"])
        out["unmet"] = len(first["unmet_needs"])
        out["stats"] = dict(solve(parse_input(data)).stats)
    elif method == "milp":
        out["score"], out["status"] = first
    else:
        out["score"] = first
    return out


# --------------------------------------------------------------------------- main


def machine() -> dict[str, str]:
    model = ""
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numpy
    import scipy

    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d"),
        "nproc": nproc,
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "platform": platform.platform(),
    }


def describe(size: str) -> dict[str, Any]:
    data = generate(size)
    return {
        "institutions": len(data["institutions"]),
        "subjects": len(data["subjects"]),
        "needs": sum(len(x["needs"]) for x in data["institutions"]),
        "capacities": sum(len(x["capacities"]) for x in data["institutions"]),
        "candidates": count_candidates(data),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--methods", default="engine,milp,greedy")
    parser.add_argument("--reps", type=int, default=None, help="timed runs per method")
    parser.add_argument("--milp-max-candidates", type=int, default=1_000_000)
    parser.add_argument("--milp-time-limit", type=float, default=300.0)
    parser.add_argument("--output", type=Path, default=None, help="also write the table here")
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        size, method = args.child
        res = child(size, method, args.reps or 1, args.milp_max_candidates, args.milp_time_limit)
        print(json.dumps(res))
        return 0

    results: list[dict[str, Any]] = []
    sizes = args.sizes.split(",")
    for size in sizes:
        for method in args.methods.split(","):
            reps = args.reps or DEFAULT_REPS[size]
            if method == "milp":
                reps = min(reps, MILP_MAX_REPS)
            cmd = [sys.executable, __file__, "--child", size, method, "--reps", str(reps)]
            cmd += ["--milp-max-candidates", str(args.milp_max_candidates)]
            cmd += ["--milp-time-limit", str(args.milp_time_limit)]
            print(f"running {size} / {method} ...", file=sys.stderr, flush=True)
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                raise SystemExit(f"{size}/{method} failed")
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))

    lines = []
    info = machine()
    lines.append(
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"numpy {info['numpy']}, scipy {info['scipy']}, {info['platform']}; {info['date']}."
    )
    lines.append("")
    lines.append("| size | institutions x subjects | needs | capacities | candidate activities |")
    lines.append("|---|---|---|---|---|")
    for size in sizes:
        d = describe(size)
        lines.append(
            f"| {size} | {d['institutions']} x {d['subjects']} | {d['needs']:,} | "
            f"{d['capacities']:,} | {d['candidates']:,} |"
        )
    lines.append("")
    lines.append(
        "| size | method | median s (min-max, runs) | first call s | peak RSS MiB | "
        "tracemalloc peak MiB | total score | gap vs optimum |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    optimum = {r["size"]: r["score"] for r in results if r["method"] == "engine"}
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['size']} | {r['method']} | {r['skipped']} | | | | | |")
            continue
        opt = optimum.get(r["size"])
        score = r.get("score")
        if score is None:
            gap = r.get("status", "")
        elif opt:
            gap = f"{100 * (opt - score) / opt:.2f} %"
        else:
            gap = ""
        lines.append(
            f"| {r['size']} | {r['method']} | {r['median_s']:.3f} ({r['min_s']:.3f}-"
            f"{r['max_s']:.3f}, {r['reps']}) | {r['first_call_s']:.3f} | {r['peak_rss_mib']:.0f} | "
            f"{r['tracemalloc_peak_mib']:.1f} | {score if score is not None else '-'} | {gap} |"
        )
    lines.append("")
    lines.append("Engine flow networks:")
    lines.append("")
    lines.append("| size | nodes | edges | provider classes | hub groups | slots | phases |")
    lines.append("|---|---|---|---|---|---|---|")
    for r in results:
        if r["method"] == "engine" and r.get("stats"):
            st = r["stats"]
            lines.append(
                f"| {r['size']} | {st['nodes']:,} | {st['edges']:,} | {st['provider_classes']:,} | "
                f"{st['hub_groups']:,} | {st['candidate_slots']:,} | {st['phases']} |"
            )
    # an exact method that disagrees with the engine is a bug, not a benchmark result
    for r in results:
        if r["method"] == "milp" and r.get("score") is not None:
            if r["score"] != optimum.get(r["size"], r["score"]):
                lines.append(f"\n**MISMATCH** milp {r['score']} != engine {optimum[r['size']]}")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
