"""Tests of the pure matching engine (no Django, no database).

Exactness is checked against two independent references written here from the
raw input: a brute force on tiny instances and a binary program solved by
scipy.optimize.milp (HiGHS) on random small and medium instances.
"""

from __future__ import annotations

import copy
import json
import random
from itertools import product
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped,unused-ignore]
from scipy.sparse import coo_matrix  # type: ignore[import-untyped,unused-ignore]

from smenet.capacity.matching import (
    MESSAGES,
    UNMET_REASONS,
    InputIssue,
    MatchingInputError,
    MatchingProblem,
    parse_input,
    run,
    run_json,
    solve,
)

CONTRACT_EXAMPLE: dict[str, Any] = {
    "subjects": ["access-to-finance", "digital-transformation"],
    "institutions": [
        {
            "id": "KOBIA",
            "country": "AZE",
            "languages": ["az", "en", "ru"],
            "needs": {"access-to-finance": 2},
            "capacities": {"digital-transformation": {"level": 3, "max_activities": 2}},
            "max_received": 3,
        }
    ],
    "options": {"require_common_language": True, "allow_same_country": False},
}

# --------------------------------------------------------------------------- references


def _options(data: dict[str, Any]) -> tuple[bool, bool]:
    opts = data.get("options", {})
    return opts.get("require_common_language", True), opts.get("allow_same_country", False)


def _level(inst: dict[str, Any], s: str) -> int:
    cap = inst.get("capacities", {}).get(s)
    if cap is None or cap["level"] < 1 or cap["max_activities"] < 1:
        return 0
    return int(cap["level"])


def _max_activities(inst: dict[str, Any], s: str) -> int:
    return int(inst["capacities"][s]["max_activities"])


def _compatible(data: dict[str, Any], p: dict[str, Any], b: dict[str, Any]) -> bool:
    common_language, same_country = _options(data)
    if p["id"] == b["id"]:
        return False
    if not same_country and p["country"] == b["country"]:
        return False
    if common_language and not set(p.get("languages", [])) & set(b.get("languages", [])):
        return False
    return True


def candidates(data: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    """Every feasible single activity (provider, beneficiary, subject, score)."""
    out = []
    for s in data["subjects"]:
        for b in data["institutions"]:
            need = b.get("needs", {}).get(s, 0)
            if need < 1:
                continue
            for p in data["institutions"]:
                level = _level(p, s)
                if level >= 1 and _compatible(data, p, b):
                    out.append((p["id"], b["id"], s, need * level))
    return out


def milp_optimum(data: dict[str, Any]) -> int:
    """Independent exact formulation: one binary variable per feasible activity."""
    cands = candidates(data)
    if not cands:
        return 0
    insts = {inst["id"]: inst for inst in data["institutions"]}
    rows: dict[tuple[Any, ...], int] = {}
    ub: list[float] = []
    r_idx: list[int] = []
    c_idx: list[int] = []

    def row(key: tuple[Any, ...], bound: float) -> int:
        if key not in rows:
            rows[key] = len(ub)
            ub.append(bound)
        return rows[key]

    for j, (p, b, s, _) in enumerate(cands):
        keys = [row(("slot", b, s), 1), row(("prov", p, s), _max_activities(insts[p], s))]
        limit = insts[b].get("max_received")
        if limit is not None:
            keys.append(row(("recv", b), limit))
        for k in keys:
            r_idx.append(k)
            c_idx.append(j)
    a = coo_matrix((np.ones(len(r_idx)), (r_idx, c_idx)), shape=(len(ub), len(cands))).tocsr()
    res = milp(
        c=-np.array([c[3] for c in cands], dtype=float),
        constraints=LinearConstraint(a, -np.inf, np.array(ub)),
        integrality=np.ones(len(cands)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0},
    )
    assert res.status == 0, res.message
    return int(round(-res.fun))


def brute_force_optimum(data: dict[str, Any]) -> int:
    """Try every assignment of at most one provider to each (beneficiary, subject)."""
    insts = {inst["id"]: inst for inst in data["institutions"]}
    options: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for p, b, s, score in candidates(data):
        options.setdefault((b, s), []).append((p, score))
    slots = sorted(options)
    best = 0

    def dfs(k: int, total: int, used: dict[tuple[str, str], int], recv: dict[str, int]) -> None:
        nonlocal best
        if k == len(slots):
            best = max(best, total)
            return
        b, s = slots[k]
        dfs(k + 1, total, used, recv)
        limit = insts[b].get("max_received")
        if limit is not None and recv.get(b, 0) >= limit:
            return
        for p, score in options[(b, s)]:
            if used.get((p, s), 0) < _max_activities(insts[p], s):
                used[(p, s)] = used.get((p, s), 0) + 1
                recv[b] = recv.get(b, 0) + 1
                dfs(k + 1, total + score, used, recv)
                used[(p, s)] -= 1
                recv[b] -= 1

    dfs(0, 0, {}, {})
    return best


def check_result(data: dict[str, Any], out: dict[str, Any]) -> None:
    """The output obeys every rule, and unmet_needs is complete with the right reasons."""
    assert set(out) == {"activities", "total_score", "optimal", "unmet_needs"}
    assert out["optimal"] is True
    insts = {inst["id"]: inst for inst in data["institutions"]}
    used: dict[tuple[str, str], int] = {}
    recv: dict[str, int] = {}
    served: set[tuple[str, str]] = set()
    for act in out["activities"]:
        p, b, s = insts[act["provider"]], insts[act["beneficiary"]], act["subject"]
        need = b.get("needs", {}).get(s, 0)
        assert need >= 1 and _level(p, s) >= 1
        assert _compatible(data, p, b)
        assert act["score"] == need * _level(p, s)
        assert (b["id"], s) not in served
        served.add((b["id"], s))
        used[(p["id"], s)] = used.get((p["id"], s), 0) + 1
        recv[b["id"]] = recv.get(b["id"], 0) + 1
    for (p_id, s), count in used.items():
        assert count <= _max_activities(insts[p_id], s)
    for b_id, count in recv.items():
        limit = insts[b_id].get("max_received")
        assert limit is None or count <= limit
    assert out["total_score"] == sum(a["score"] for a in out["activities"])
    keys = [(a["subject"], a["beneficiary"], a["provider"]) for a in out["activities"]]
    assert keys == sorted(keys)

    expected_unmet = []
    for s in data["subjects"]:
        for b in data["institutions"]:
            need = b.get("needs", {}).get(s, 0)
            if need >= 1 and (b["id"], s) not in served:
                expected_unmet.append((s, b["id"], need))
    unmet = [(u["subject"], u["beneficiary"], u["need"]) for u in out["unmet_needs"]]
    assert unmet == sorted(expected_unmet)
    for u in out["unmet_needs"]:
        s, b = u["subject"], insts[u["beneficiary"]]
        providers = [p for p in data["institutions"] if _level(p, s) >= 1]
        compatible = [p for p in providers if _compatible(data, p, b)]
        limit = b.get("max_received")
        if not providers:
            expected = "no_provider"
        elif not compatible:
            expected = "no_compatible_provider"
        elif limit is not None and recv.get(b["id"], 0) >= limit:
            expected = "max_received_reached"
        else:
            expected = "provider_capacity_exhausted"
            for p in compatible:
                assert used.get((p["id"], s), 0) == _max_activities(p, s)
        assert u["reason"] == expected, (u, expected)
        assert u["reason"] in UNMET_REASONS


# --------------------------------------------------------------------------- generators


@st.composite
def tiny_instances(draw: Any) -> dict[str, Any]:
    """Up to 4 institutions and 2 subjects, every field drawn by hypothesis."""
    subjects = ["s0", "s1"][: draw(st.integers(1, 2))]
    institutions = []
    for i in range(draw(st.integers(1, 4))):
        inst: dict[str, Any] = {
            "id": f"i{i}",
            "country": draw(st.sampled_from(["A", "B", "C"])),
            "languages": draw(st.lists(st.sampled_from(["x", "y", "z"]), max_size=2, unique=True)),
            "needs": {s: draw(st.integers(0, 3)) for s in subjects if draw(st.booleans())},
            "capacities": {
                s: {"level": draw(st.integers(0, 3)), "max_activities": draw(st.integers(0, 2))}
                for s in subjects
                if draw(st.booleans())
            },
        }
        limit = draw(st.one_of(st.none(), st.integers(0, 2)))
        if limit is not None or draw(st.booleans()):
            inst["max_received"] = limit
        institutions.append(inst)
    options = {}
    if draw(st.booleans()):
        options["require_common_language"] = draw(st.booleans())
    if draw(st.booleans()):
        options["allow_same_country"] = draw(st.booleans())
    return {"subjects": subjects, "institutions": institutions, "options": options}


def random_instance(
    seed: int,
    n_institutions: int,
    n_subjects: int,
    *,
    n_countries: int = 4,
    n_languages: int = 4,
    need_p: float = 0.5,
    capacity_p: float = 0.4,
    max_activities: int = 3,
    max_received_p: float = 0.5,
    options: dict[str, bool] | None = None,
) -> dict[str, Any]:
    rng = random.Random(seed)
    subjects = [f"subject-{j}" for j in range(n_subjects)]
    languages = [f"l{j}" for j in range(n_languages)]
    institutions = []
    for i in range(n_institutions):
        inst: dict[str, Any] = {
            "id": f"inst-{i:03d}",
            "country": f"C{rng.randrange(n_countries)}",
            "languages": rng.sample(
                languages, rng.randint(0 if i % 7 == 0 else 1, min(2, n_languages))
            ),
            "needs": {s: rng.randint(0, 3) for s in subjects if rng.random() < need_p},
            "capacities": {
                s: {"level": rng.randint(0, 3), "max_activities": rng.randint(0, max_activities)}
                for s in subjects
                if rng.random() < capacity_p
            },
        }
        if rng.random() < max_received_p:
            inst["max_received"] = rng.randint(0, max(1, n_subjects // 2))
        institutions.append(inst)
    if options is None:
        options = {
            "require_common_language": rng.random() < 0.8,
            "allow_same_country": rng.random() < 0.3,
        }
    return {"subjects": subjects, "institutions": institutions, "options": options}


@st.composite
def medium_instances(draw: Any) -> dict[str, Any]:
    return random_instance(
        draw(st.integers(0, 2**32)),
        draw(st.integers(2, 40)),
        draw(st.integers(1, 6)),
        n_countries=draw(st.integers(1, 8)),
        n_languages=draw(st.integers(1, 5)),
        need_p=draw(st.sampled_from([0.2, 0.5, 0.9])),
        capacity_p=draw(st.sampled_from([0.1, 0.4, 0.8])),
        max_activities=draw(st.integers(1, 4)),
        max_received_p=draw(st.sampled_from([0.0, 0.5, 1.0])),
    )


def shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """Same problem, every list and dict in another order."""
    rng = random.Random(seed)

    def shuffle_dict(d: dict[str, Any]) -> dict[str, Any]:
        items = list(d.items())
        rng.shuffle(items)
        return dict(items)

    out = copy.deepcopy(data)
    rng.shuffle(out["subjects"])
    rng.shuffle(out["institutions"])
    for inst in out["institutions"]:
        rng.shuffle(inst.get("languages", []))
        for key in ("needs", "capacities"):
            if key in inst:
                inst[key] = shuffle_dict(inst[key])
    return shuffle_dict(out)


# --------------------------------------------------------------------------- exactness


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_matches_brute_force_on_tiny_instances(data: dict[str, Any]) -> None:
    out = run(data)
    check_result(data, out)
    assert out["total_score"] == brute_force_optimum(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_matches_milp_on_small_instances(data: dict[str, Any]) -> None:
    out = run(data)
    check_result(data, out)
    assert out["total_score"] == milp_optimum(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(medium_instances())
def test_matches_milp_on_medium_instances(data: dict[str, Any]) -> None:
    out = run(data)
    check_result(data, out)
    assert out["total_score"] == milp_optimum(data)


@pytest.mark.parametrize(
    ("seed", "options"),
    [
        (1, {"require_common_language": True, "allow_same_country": False}),
        (2, {"require_common_language": True, "allow_same_country": True}),
        (3, {"require_common_language": False, "allow_same_country": False}),
        (4, {"require_common_language": False, "allow_same_country": True}),
    ],
)
def test_matches_milp_on_larger_instances(seed: int, options: dict[str, bool]) -> None:
    data = random_instance(
        seed, 70, 6, n_countries=12, n_languages=6, need_p=0.6, capacity_p=0.5, options=options
    )
    out = run(data)
    check_result(data, out)
    assert out["total_score"] == milp_optimum(data)


def test_brute_force_and_milp_agree() -> None:
    # The two references check each other too.
    for seed in range(40):
        data = random_instance(seed, 4, 2, n_countries=2, n_languages=2, max_activities=2)
        assert brute_force_optimum(data) == milp_optimum(data)


# --------------------------------------------------------------------------- determinism


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(medium_instances(), st.integers(0, 1000))
def test_deterministic_and_independent_of_order(data: dict[str, Any], seed: int) -> None:
    first = json.dumps(run(data), sort_keys=False)
    assert json.dumps(run(copy.deepcopy(data)), sort_keys=False) == first
    assert json.dumps(run(shuffled(data, seed)), sort_keys=False) == first
    assert run_json(json.dumps(data)) == json.loads(first)


def test_ties_are_broken_the_same_way() -> None:
    # Two interchangeable providers and one beneficiary: always the same one is chosen.
    data = {
        "subjects": ["s"],
        "institutions": [
            {"id": "b", "country": "X", "languages": ["en"], "needs": {"s": 2}},
            {"id": "p2", "country": "Y", "languages": ["en"],
             "capacities": {"s": {"level": 2, "max_activities": 1}}},
            {"id": "p1", "country": "Z", "languages": ["en"],
             "capacities": {"s": {"level": 2, "max_activities": 1}}},
        ],
    }  # fmt: skip
    outs = {json.dumps(run(shuffled(data, seed))) for seed in range(20)}
    assert len(outs) == 1
    assert json.loads(outs.pop())["total_score"] == 4


# --------------------------------------------------------------------------- contract


def test_contract_example() -> None:
    out = run(CONTRACT_EXAMPLE)
    assert out == {
        "activities": [],
        "total_score": 0,
        "optimal": True,
        "unmet_needs": [
            {
                "beneficiary": "KOBIA",
                "subject": "access-to-finance",
                "need": 2,
                "reason": "no_provider",
            }
        ],
    }
    assert run_json(json.dumps(CONTRACT_EXAMPLE)) == out


def test_contract_example_with_a_partner() -> None:
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    data["institutions"].append(
        {
            "id": "KOSGEB",
            "country": "TUR",
            "languages": ["tr", "en"],
            "needs": {"digital-transformation": 3},
            "capacities": {"access-to-finance": {"level": 2, "max_activities": 1}},
        }
    )
    assert run(data) == {
        "activities": [
            {"provider": "KOSGEB", "beneficiary": "KOBIA", "subject": "access-to-finance",
             "score": 4},
            {"provider": "KOBIA", "beneficiary": "KOSGEB", "subject": "digital-transformation",
             "score": 9},
        ],
        "total_score": 13,
        "optimal": True,
        "unmet_needs": [],
    }  # fmt: skip


def test_parse_and_solve_api() -> None:
    problem = parse_input(CONTRACT_EXAMPLE)
    assert isinstance(problem, MatchingProblem)
    assert problem.subjects == ("access-to-finance", "digital-transformation")
    kobia = problem.institutions[0]
    assert kobia.needs == {"access-to-finance": 2}
    assert kobia.capacities["digital-transformation"].level == 3
    assert kobia.max_received == 3
    assert problem.options.require_common_language and not problem.options.allow_same_country
    result = solve(problem)
    assert result.optimal and result.total_score == 0
    assert result.to_dict() == run(CONTRACT_EXAMPLE)


def test_defaults_and_empty_problems() -> None:
    assert run({"subjects": [], "institutions": []}) == {
        "activities": [], "total_score": 0, "optimal": True, "unmet_needs": [],
    }  # fmt: skip
    data = {
        "version": 1,
        "subjects": ["s"],
        "institutions": [
            {"id": "a", "country": "X", "languages": ["en"], "needs": {"s": 3},
             "max_received": None},
            # huge capacities are accepted and clamped internally
            {"id": "b", "country": "Y", "languages": ["en"], "needs": {"s": 0},
             "capacities": {"s": {"level": 1, "max_activities": 10**15}}},
        ],
    }  # fmt: skip
    out = run(data)
    assert out["activities"] == [{"provider": "b", "beneficiary": "a", "subject": "s", "score": 3}]
    assert out["unmet_needs"] == []


def test_same_country_and_language_options() -> None:
    base = {
        "subjects": ["s"],
        "institutions": [
            {"id": "a", "country": "X", "languages": ["en"], "needs": {"s": 1}},
            {"id": "b", "country": "X", "languages": ["fr"],
             "capacities": {"s": {"level": 1, "max_activities": 1}}},
        ],
    }  # fmt: skip
    for common, same, matched in [
        (True, False, False),
        (True, True, False),
        (False, False, False),
        (False, True, True),
    ]:
        data = dict(base, options={"require_common_language": common, "allow_same_country": same})
        out = run(data)
        assert (len(out["activities"]) == 1) is matched
        check_result(data, out)


# --------------------------------------------------------------------------- unmet reasons


def _inst(id: str, country: str, langs: list[str], **kw: Any) -> dict[str, Any]:
    return {"id": id, "country": country, "languages": langs, **kw}


def _cap(level: int, n: int) -> dict[str, int]:
    return {"level": level, "max_activities": n}


def _reasons(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    out = run(data)
    check_result(data, out)
    return {(u["beneficiary"], u["subject"]): u["reason"] for u in out["unmet_needs"]}


def test_reason_no_provider() -> None:
    data = {
        "subjects": ["s", "t"],
        "institutions": [
            _inst("a", "X", ["en"], needs={"s": 2, "t": 1}),
            # level 0 and max_activities 0 are no capacity
            _inst("b", "Y", ["en"], capacities={"s": _cap(0, 3), "t": _cap(2, 0)}),
        ],
    }
    assert _reasons(data) == {("a", "s"): "no_provider", ("a", "t"): "no_provider"}


def test_reason_no_compatible_provider() -> None:
    data = {
        "subjects": ["lang", "country", "self"],
        "institutions": [
            _inst("a", "X", ["en"], needs={"lang": 1, "country": 1, "self": 1},
                  capacities={"self": _cap(3, 5)}),
            _inst("b", "Y", ["fr"], capacities={"lang": _cap(3, 5)}),
            _inst("c", "X", ["en"], capacities={"country": _cap(3, 5)}),
        ],
    }  # fmt: skip
    assert _reasons(data) == {
        ("a", "lang"): "no_compatible_provider",
        ("a", "country"): "no_compatible_provider",
        ("a", "self"): "no_compatible_provider",
    }
    # allowing the same country still forbids serving oneself
    data["options"] = {"allow_same_country": True}
    assert _reasons(data) == {
        ("a", "lang"): "no_compatible_provider",
        ("a", "self"): "no_compatible_provider",
    }
    # an institution without languages cannot share one
    data = {
        "subjects": ["s"],
        "institutions": [
            _inst("a", "X", [], needs={"s": 1}),
            _inst("b", "Y", ["en"], capacities={"s": _cap(1, 1)}),
        ],
    }
    assert _reasons(data) == {("a", "s"): "no_compatible_provider"}


def test_reason_max_received_reached() -> None:
    data = {
        "subjects": ["s", "t", "u"],
        "institutions": [
            _inst("a", "X", ["en"], needs={"s": 3, "t": 1, "u": 1}, max_received=1),
            _inst("z", "X", ["en"], needs={"s": 1}, max_received=0),
            _inst("b", "Y", ["en"], capacities={"s": _cap(3, 5), "t": _cap(3, 5), "u": _cap(1, 5)}),
        ],
    }
    assert _reasons(data) == {
        ("a", "t"): "max_received_reached",
        ("a", "u"): "max_received_reached",
        ("z", "s"): "max_received_reached",
    }


def test_reason_provider_capacity_exhausted() -> None:
    data = {
        "subjects": ["s"],
        "institutions": [
            _inst("a", "X", ["en"], needs={"s": 3}),
            _inst("b", "Y", ["en", "fr"], capacities={"s": _cap(2, 1)}),
            _inst("c", "Z", ["fr"], needs={"s": 1}),
        ],
    }
    out = run(data)
    assert out["activities"] == [{"provider": "b", "beneficiary": "a", "subject": "s", "score": 6}]
    assert out["unmet_needs"] == [
        {"beneficiary": "c", "subject": "s", "need": 1, "reason": "provider_capacity_exhausted"}
    ]


def test_optimum_is_not_greedy() -> None:
    # Greedy would give the 9-point activity to "a" and leave "c" unserved (total 9);
    # the optimum serves both with 6 + 6 = 12.
    data = {
        "subjects": ["s"],
        "institutions": [
            _inst("p", "P", ["en", "fr"], capacities={"s": _cap(3, 1)}),
            _inst("q", "Q", ["en"], capacities={"s": _cap(2, 1)}),
            _inst("a", "A", ["en"], needs={"s": 3}),
            _inst("c", "C", ["fr"], needs={"s": 2}),
        ],
    }
    out = run(data)
    assert out["total_score"] == 12 == milp_optimum(data)
    assert [(a["provider"], a["beneficiary"]) for a in out["activities"]] == [
        ("q", "a"), ("p", "c"),
    ]  # fmt: skip


# --------------------------------------------------------------------------- bad input


def _valid() -> dict[str, Any]:
    return {
        "subjects": ["access-to-finance", "digital-transformation"],
        "institutions": [
            _inst("A", "AZE", ["en"], needs={"access-to-finance": 2},
                  capacities={"digital-transformation": _cap(3, 2)}, max_received=3),
            _inst("B", "TUR", ["en"], needs={"digital-transformation": 1}),
        ],
        "options": {"require_common_language": True, "allow_same_country": False},
    }  # fmt: skip


def _set(path: list[Any], value: Any) -> Any:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Any:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


I0, I1 = ["institutions", 0], ["institutions", 1]
CAP = [*I0, "capacities", "digital-transformation"]
BAD_INPUTS = [
    ("unknown subject in needs", _set([*I0, "needs", "marketing"], 1), "institutions[0].needs.marketing", "unknown_subject"),
    ("unknown subject in capacities", _set([*I0, "capacities", "x"], _cap(1, 1)), "institutions[0].capacities.x", "unknown_subject"),
    ("need too big", _set([*I0, "needs", "access-to-finance"], 4), "institutions[0].needs.access-to-finance", "int_range"),
    ("need negative", _set([*I0, "needs", "access-to-finance"], -1), "institutions[0].needs.access-to-finance", "int_range"),
    ("need float", _set([*I0, "needs", "access-to-finance"], 2.0), "institutions[0].needs.access-to-finance", "int_range"),
    ("need bool", _set([*I0, "needs", "access-to-finance"], True), "institutions[0].needs.access-to-finance", "int_range"),
    ("need string", _set([*I0, "needs", "access-to-finance"], "2"), "institutions[0].needs.access-to-finance", "int_range"),
    ("level too big", _set([*CAP, "level"], 4), "institutions[0].capacities.digital-transformation.level", "int_range"),
    ("level bool", _set([*CAP, "level"], False), "institutions[0].capacities.digital-transformation.level", "int_range"),
    ("level null", _set([*CAP, "level"], None), "institutions[0].capacities.digital-transformation.level", "int_range"),
    ("level missing", _delete([*CAP, "level"]), "institutions[0].capacities.digital-transformation.level", "required"),
    ("max_activities negative", _set([*CAP, "max_activities"], -1), "institutions[0].capacities.digital-transformation.max_activities", "int_min"),
    ("max_activities float", _set([*CAP, "max_activities"], 1.5), "institutions[0].capacities.digital-transformation.max_activities", "int_min"),
    ("max_activities bool", _set([*CAP, "max_activities"], True), "institutions[0].capacities.digital-transformation.max_activities", "int_min"),
    ("max_activities missing", _delete([*CAP, "max_activities"]), "institutions[0].capacities.digital-transformation.max_activities", "required"),
    ("capacity not object", _set(CAP, 3), "institutions[0].capacities.digital-transformation", "not_object"),
    ("capacity unknown key", _set([*CAP, "levle"], 3), "institutions[0].capacities.digital-transformation.levle", "unknown_key"),
    ("max_received negative", _set([*I0, "max_received"], -1), "institutions[0].max_received", "int_min_or_null"),
    ("max_received float", _set([*I0, "max_received"], 2.5), "institutions[0].max_received", "int_min_or_null"),
    ("max_received bool", _set([*I0, "max_received"], True), "institutions[0].max_received", "int_min_or_null"),
    ("max_received string", _set([*I0, "max_received"], "3"), "institutions[0].max_received", "int_min_or_null"),
    ("duplicate id", _set([*I1, "id"], "A"), "institutions[1].id", "duplicate_id"),
    ("missing id", _delete([*I0, "id"]), "institutions[0].id", "required"),
    ("id not a string", _set([*I0, "id"], 7), "institutions[0].id", "not_string"),
    ("empty id", _set([*I0, "id"], ""), "institutions[0].id", "not_string"),
    ("missing country", _delete([*I1, "country"]), "institutions[1].country", "required"),
    ("country not a string", _set([*I1, "country"], ["TUR"]), "institutions[1].country", "not_string"),
    ("languages not a list", _set([*I0, "languages"], "en"), "institutions[0].languages", "not_list"),
    ("language not a string", _set([*I0, "languages"], ["en", 3]), "institutions[0].languages[1]", "not_string"),
    ("needs not an object", _set([*I0, "needs"], [1]), "institutions[0].needs", "not_object"),
    ("capacities not an object", _set([*I0, "capacities"], None), "institutions[0].capacities", "not_object"),
    ("unknown institution key", _set([*I0, "max_recieved"], 1), "institutions[0].max_recieved", "unknown_key"),
    ("institution not an object", _set(I1, "B"), "institutions[1]", "not_object"),
    ("unknown option", _set(["options", "greedy"], True), "options.greedy", "unknown_key"),
    ("option not a boolean", _set(["options", "allow_same_country"], "yes"), "options.allow_same_country", "not_boolean"),
    ("option int", _set(["options", "require_common_language"], 1), "options.require_common_language", "not_boolean"),
    ("options not an object", _set(["options"], []), "options", "not_object"),
    ("subjects missing", _delete(["subjects"]), "subjects", "required"),
    ("subjects not a list", _set(["subjects"], "access-to-finance"), "subjects", "not_list"),
    ("subject not a string", _set(["subjects", 1], 5), "subjects[1]", "not_string"),
    ("duplicate subject", lambda d: d["subjects"].append("access-to-finance"), "subjects[2]", "duplicate_subject"),
    ("institutions missing", _delete(["institutions"]), "institutions", "required"),
    ("institutions not a list", _set(["institutions"], {}), "institutions", "not_list"),
    ("unknown top-level key", _set(["extra"], 1), "extra", "unknown_key"),
    ("wrong version", _set(["version"], 2), "version", "unsupported_version"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "path", "code"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(mutate: Any, path: str, code: str) -> None:
    data = _valid()
    run(data)  # the base is valid
    mutate(data)
    with pytest.raises(MatchingInputError) as info:
        run(data)
    err = info.value
    assert isinstance(err, ValueError)
    assert [(e.path, e.code) for e in err.errors] == [(path, code)]
    issue = err.errors[0]
    assert issue.template == MESSAGES[code]
    assert issue.message == issue.template % dict(issue.params)
    assert path in str(err)
    # the same through JSON text
    with pytest.raises(MatchingInputError) as info2:
        run_json(json.dumps(data))
    assert info2.value.paths == [path]


def test_all_errors_are_collected() -> None:
    data = _valid()
    data["institutions"][0]["needs"]["access-to-finance"] = 9
    data["institutions"][0]["capacities"]["digital-transformation"]["level"] = "high"
    data["institutions"][1]["max_received"] = -2
    data["institutions"].append({"id": "A", "country": "EGY"})
    data["options"]["nope"] = False
    with pytest.raises(MatchingInputError) as info:
        parse_input(data)
    assert info.value.paths == [
        "options.nope",
        "institutions[0].needs.access-to-finance",
        "institutions[0].capacities.digital-transformation.level",
        "institutions[1].max_received",
        "institutions[2].id",
    ]
    first = info.value.errors[1]
    assert first.code == "int_range" and dict(first.params) == {"min": 0, "max": 3}
    assert first.message == "must be an integer between 0 and 3"
    assert first.to_dict() == {
        "path": "institutions[0].needs.access-to-finance",
        "code": "int_range",
        "message": "must be an integer between 0 and 3",
        "params": {"min": 0, "max": 3},
    }
    assert len(info.value.to_list()) == 5


@pytest.mark.parametrize("value", [None, [], "text", 3, 1.5, True])
def test_top_level_not_an_object(value: Any) -> None:
    with pytest.raises(MatchingInputError) as info:
        parse_input(value)
    assert info.value.paths == ["$"] and info.value.errors[0].code == "not_object"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("{", 1, 2), ('{"subjects": [],\n "institutions": [,]}', 2, 19), ("", 1, 1), ("[1] x", 1, 5)],
)
def test_malformed_json(text: str, line: int, column: int) -> None:
    with pytest.raises(MatchingInputError) as info:
        run_json(text)
    issue = info.value.errors[0]
    assert info.value.paths == ["$"] and issue.code == "invalid_json"
    assert issue.params["line"] == line and issue.params["column"] == column
    assert f"line {line}, column {column}" in issue.message


@pytest.mark.parametrize("kind", [str, str.encode])
def test_json_nested_too_deep_is_refused_before_parsing(kind) -> None:
    deep = '{"subjects": ' + "[" * 1000 + "]" * 1000 + "}"
    with pytest.raises(MatchingInputError) as info:
        run_json(kind(deep))
    issue = info.value.errors[0]
    assert info.value.paths == ["$"] and issue.code == "too_deep"
    assert issue.message == "is nested more than 32 levels deep"
    # Brackets inside strings are text, not nesting.
    with pytest.raises(MatchingInputError) as info:
        run_json(json.dumps({"subjects": ["[" * 1000]}))
    assert "too_deep" not in [e.code for e in info.value.errors]


def test_json_document_not_an_object_or_not_text() -> None:
    with pytest.raises(MatchingInputError) as info:
        run_json("[1, 2]")
    assert info.value.paths == ["$"]
    with pytest.raises(MatchingInputError) as info:
        run_json(b"\xff\xfe{")
    assert info.value.paths == ["$"]
    with pytest.raises(MatchingInputError) as info:
        run_json(None)  # type: ignore[arg-type]
    assert info.value.errors[0].code == "not_text"


def test_messages_use_named_placeholders_only() -> None:
    for code, template in MESSAGES.items():
        assert "%s" not in template and "%d" not in template, code
        issue = InputIssue("$", code, {k: "v" for k in ("min", "max", "error", "line", "column",
                                                          "field", "subject", "id", "first", "depth",
                                                          "expected")})  # fmt: skip
        assert issue.message


def test_small_exhaustive_grid_against_brute_force() -> None:
    # Two subjects, three institutions in every combination of a few capacities and needs.
    count = 0
    for need_a, level_b, level_c, cap_c, limit in product(
        [0, 1, 3], [0, 2, 3], [1, 3], [1, 2], [None, 1]
    ):
        data = {
            "subjects": ["s", "t"],
            "institutions": [
                _inst("a", "X", ["en"], needs={"s": need_a, "t": 2}, max_received=limit),
                _inst("b", "Y", ["en"], needs={"s": 1}, capacities={"s": _cap(level_b, 1),
                                                                    "t": _cap(1, 1)}),
                _inst("c", "Z", ["en"], needs={"t": 3}, capacities={"s": _cap(level_c, cap_c),
                                                                    "t": _cap(3, 1)}),
            ],
        }  # fmt: skip
        out = run(data)
        check_result(data, out)
        assert out["total_score"] == brute_force_optimum(data)
        count += 1
    assert count == 72
