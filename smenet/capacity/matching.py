"""Exact matching engine for capacity-building activities (no Django imports).

An *activity* is a triple (provider, beneficiary, subject) in which one member
institution helps another one in a subject.  Its score is
``need(beneficiary, subject) * level(provider, subject)``.  The engine returns
a set of activities with the **maximum total score** (exactly optimal), under
these rules:

* provider != beneficiary; the beneficiary's need is >= 1 and the provider's
  level is >= 1 in the subject;
* each (beneficiary, subject) is served at most once;
* a provider runs at most ``max_activities`` activities per subject;
* a beneficiary receives at most ``max_received`` activities in total
  (``null``/absent: unlimited);
* provider and beneficiary share a language when
  ``options.require_common_language`` is true (default: true);
* provider and beneficiary are in different countries unless
  ``options.allow_same_country`` is true (default: false).

Input (version 1), a decoded JSON value::

    {"version": 1,                                  # optional, must be 1
     "subjects": ["access-to-finance", "digital-transformation"],
     "institutions": [
       {"id": "KOBIA", "country": "AZE", "languages": ["az", "en", "ru"],
        "needs": {"access-to-finance": 2},           # 0..3, 0/absent = no need
        "capacities": {"digital-transformation": {"level": 3, "max_activities": 2}},
        "max_received": 3}],                         # optional, int >= 0 or null
     "options": {"require_common_language": true, "allow_same_country": false}}

``languages``, ``needs``, ``capacities``, ``max_received`` and ``options`` are
optional; unknown keys are rejected everywhere (a misspelt key is an error,
not silently ignored).

Output (:meth:`MatchingResult.to_dict`)::

    {"activities": [{"provider", "beneficiary", "subject", "score"}, ...],
     "total_score": int, "optimal": true,
     "unmet_needs": [{"beneficiary", "subject", "need", "reason"}, ...]}

Activities are sorted by (subject, beneficiary, provider) and unmet needs by
(subject, beneficiary).  The output depends only on the *content* of the
input: the order of institutions, subjects, languages and dict keys does not
change it (ties are broken by the canonical, sorted order of the input).

Reason codes of ``unmet_needs`` (checked in this order, the first that applies
is reported):

``no_provider``
    nobody offers the subject (no institution has level >= 1 and
    max_activities >= 1 in it).
``no_compatible_provider``
    providers exist, but none may serve this beneficiary: each is the
    beneficiary itself, in the same country (unless allowed) or shares no
    language with it (when a common language is required).
``max_received_reached``
    the beneficiary already receives ``max_received`` activities.
``provider_capacity_exhausted``
    compatible providers exist and the beneficiary is below its cap, but all
    compatible providers have used their ``max_activities`` in this subject on
    other beneficiaries.

These four codes are exhaustive for an optimal solution: if a compatible
provider had spare capacity and the beneficiary were below its cap, adding the
activity would raise the total score.

Errors: :class:`MatchingInputError` (a ``ValueError``) carries *all* problems
found as :class:`InputIssue` objects, each with a ``path`` such as
``institutions[3].capacities.digital-transformation.level`` (``$`` is the
document itself), a stable ``code``, a message ``template`` from
:data:`MESSAGES` with named placeholders and its ``params``.  ``message`` is the
English text; a Django caller translates with
``gettext(issue.template) % issue.params``.

Algorithm: a min-cost flow, source -> provider class -> language/country hub
chains -> (beneficiary, subject) -> beneficiary -> sink, solved exactly with
the primal-dual method (Dijkstra with potentials, then a maximum flow on the
zero-reduced-cost subgraph).  Providers of a subject with the same level,
country and languages are merged into one class; "shares a language and is in
another country" is expressed with, per (subject, level, language), a prefix
chain and a suffix chain over the providers' country ranks, so a beneficiary
needs two edges per language and level instead of one per provider.  Scores
are at most 9, so the path costs take at most 9 values and there are at most 9
augmenting phases.  The flow is mapped back to individual providers
deterministically.  See ``docs/performance.md`` for measured times.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = [
    "INPUT_VERSION",
    "MESSAGES",
    "UNMET_REASONS",
    "Activity",
    "Capacity",
    "InputIssue",
    "Institution",
    "MatchingInputError",
    "MatchingOptions",
    "MatchingProblem",
    "MatchingResult",
    "UnmetNeed",
    "parse_input",
    "run",
    "run_json",
    "solve",
]

INPUT_VERSION: Final = 1
NEED_MIN: Final = 0
NEED_MAX: Final = 3
LEVEL_MIN: Final = 0
LEVEL_MAX: Final = 3

REASON_NO_PROVIDER: Final = "no_provider"
REASON_NO_COMPATIBLE_PROVIDER: Final = "no_compatible_provider"
REASON_MAX_RECEIVED_REACHED: Final = "max_received_reached"
REASON_PROVIDER_CAPACITY_EXHAUSTED: Final = "provider_capacity_exhausted"
UNMET_REASONS: Final = (
    REASON_NO_PROVIDER,
    REASON_NO_COMPATIBLE_PROVIDER,
    REASON_MAX_RECEIVED_REACHED,
    REASON_PROVIDER_CAPACITY_EXHAUSTED,
)

#: Error code -> English message template (``%(name)s`` placeholders).
MESSAGES: Final[Mapping[str, str]] = {
    "invalid_json": "is not valid JSON: %(error)s (line %(line)s, column %(column)s)",
    "invalid_json_text": "is not valid JSON: %(error)s",
    "not_text": "must be a JSON document given as text",
    "not_object": "must be an object",
    "not_list": "must be a list",
    "required": "is required",
    "unknown_key": "is not an allowed key",
    "not_string": "must be a non-empty string",
    "not_boolean": "must be true or false",
    "int_range": "must be an integer between %(min)s and %(max)s",
    "int_min": "must be an integer greater than or equal to %(min)s",
    "int_min_or_null": "must be null or an integer greater than or equal to %(min)s",
    "unknown_subject": "is not one of the subjects listed in %(field)s",
    "duplicate_subject": "repeats the subject %(subject)s",
    "duplicate_id": "repeats the institution id %(id)s (first used by %(first)s)",
    "unsupported_version": "must be %(expected)s",
}


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class InputIssue:
    """One problem in the input: where (``path``), what (``code``) and its parameters."""

    path: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return MESSAGES[self.code]

    @property
    def message(self) -> str:
        return self.template % dict(self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "message": self.message,
            "params": dict(self.params),
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class MatchingInputError(ValueError):
    """The input is not a valid matching problem; ``errors`` lists every issue found."""

    def __init__(self, errors: Sequence[InputIssue]) -> None:
        self.errors: list[InputIssue] = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "invalid input")

    @property
    def paths(self) -> list[str]:
        return [e.path for e in self.errors]

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.errors]


# --------------------------------------------------------------------------- problem


@dataclass(frozen=True)
class Capacity:
    level: int
    max_activities: int


@dataclass(frozen=True)
class Institution:
    id: str
    country: str
    languages: tuple[str, ...] = ()
    #: subject -> need (1..3); subjects without need are absent.
    needs: Mapping[str, int] = field(default_factory=dict)
    #: subject -> capacity (level may be 0 = no capacity).
    capacities: Mapping[str, Capacity] = field(default_factory=dict)
    #: total cap on activities received; ``None`` = unlimited.
    max_received: int | None = None


@dataclass(frozen=True)
class MatchingOptions:
    require_common_language: bool = True
    allow_same_country: bool = False


@dataclass(frozen=True)
class MatchingProblem:
    subjects: tuple[str, ...]
    institutions: tuple[Institution, ...]
    options: MatchingOptions = field(default_factory=MatchingOptions)


@dataclass(frozen=True)
class Activity:
    provider: str
    beneficiary: str
    subject: str
    score: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "beneficiary": self.beneficiary,
            "subject": self.subject,
            "score": self.score,
        }


@dataclass(frozen=True)
class UnmetNeed:
    beneficiary: str
    subject: str
    need: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "beneficiary": self.beneficiary,
            "subject": self.subject,
            "need": self.need,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class MatchingResult:
    activities: tuple[Activity, ...]
    total_score: int
    unmet_needs: tuple[UnmetNeed, ...]
    optimal: bool = True
    #: sizes of the flow network and number of phases (diagnostics, not part of to_dict()).
    stats: Mapping[str, int] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "activities": [a.to_dict() for a in self.activities],
            "total_score": self.total_score,
            "optimal": self.optimal,
            "unmet_needs": [u.to_dict() for u in self.unmet_needs],
        }


# --------------------------------------------------------------------------- parsing

_TOP_KEYS: Final = ("version", "subjects", "institutions", "options")
_INSTITUTION_KEYS: Final = (
    "id",
    "country",
    "languages",
    "needs",
    "capacities",
    "max_received",
)
_CAPACITY_KEYS: Final = ("level", "max_activities")
_OPTION_KEYS: Final = ("require_common_language", "allow_same_country")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and value != ""


class _Parser:
    def __init__(self) -> None:
        self.errors: list[InputIssue] = []

    def add(self, path: str, code: str, **params: Any) -> None:
        self.errors.append(InputIssue(path, code, params))

    def unknown_keys(self, obj: Mapping[Any, Any], allowed: Sequence[str], prefix: str) -> None:
        for key in obj:
            if key not in allowed:
                self.add(f"{prefix}{key}", "unknown_key")

    def int_range(self, value: Any, path: str, lo: int, hi: int) -> int | None:
        if _is_int(value) and lo <= value <= hi:
            return int(value)
        self.add(path, "int_range", min=lo, max=hi)
        return None

    def int_min(self, value: Any, path: str, lo: int = 0) -> int | None:
        if _is_int(value) and value >= lo:
            return int(value)
        self.add(path, "int_min", min=lo)
        return None

    def subjects(self, data: Mapping[str, Any]) -> tuple[str, ...] | None:
        if "subjects" not in data:
            self.add("subjects", "required")
            return None
        raw = data["subjects"]
        if not isinstance(raw, list):
            self.add("subjects", "not_list")
            return None
        ok = True
        seen: set[str] = set()
        out: list[str] = []
        for j, subject in enumerate(raw):
            path = f"subjects[{j}]"
            if not _is_name(subject):
                self.add(path, "not_string")
                ok = False
            elif subject in seen:
                self.add(path, "duplicate_subject", subject=subject)
            else:
                seen.add(subject)
                out.append(subject)
        # When a subject entry is broken, references to it cannot be checked reliably.
        return tuple(out) if ok else None

    def options(self, data: Mapping[str, Any]) -> MatchingOptions:
        if "options" not in data:
            return MatchingOptions()
        raw = data["options"]
        if not isinstance(raw, dict):
            self.add("options", "not_object")
            return MatchingOptions()
        self.unknown_keys(raw, _OPTION_KEYS, "options.")
        values: dict[str, bool] = {}
        for key in _OPTION_KEYS:
            if key in raw:
                if isinstance(raw[key], bool):
                    values[key] = raw[key]
                else:
                    self.add(f"options.{key}", "not_boolean")
        return MatchingOptions(**values)

    def subject_map(
        self, inst: Mapping[str, Any], key: str, prefix: str, known: frozenset[str] | None
    ) -> dict[str, Any]:
        """Check an object keyed by subject; return its entries with known subjects."""
        if key not in inst:
            return {}
        raw = inst[key]
        if not isinstance(raw, dict):
            self.add(f"{prefix}.{key}", "not_object")
            return {}
        out: dict[str, Any] = {}
        for subject, value in raw.items():
            if known is not None and subject not in known:
                self.add(f"{prefix}.{key}.{subject}", "unknown_subject", field="subjects")
            else:
                out[subject] = value
        return out

    def institution(
        self, raw: Any, i: int, known: frozenset[str] | None, first_index: dict[str, int]
    ) -> Institution | None:
        prefix = f"institutions[{i}]"
        if not isinstance(raw, dict):
            self.add(prefix, "not_object")
            return None
        n_errors = len(self.errors)
        self.unknown_keys(raw, _INSTITUTION_KEYS, prefix + ".")

        inst_id: Any = raw.get("id")
        if "id" not in raw:
            self.add(f"{prefix}.id", "required")
        elif not _is_name(inst_id):
            self.add(f"{prefix}.id", "not_string")
        elif inst_id in first_index:
            self.add(
                f"{prefix}.id",
                "duplicate_id",
                id=inst_id,
                first=f"institutions[{first_index[inst_id]}]",
            )
        else:
            first_index[inst_id] = i

        country: Any = raw.get("country")
        if "country" not in raw:
            self.add(f"{prefix}.country", "required")
        elif not _is_name(country):
            self.add(f"{prefix}.country", "not_string")

        languages: set[str] = set()
        if "languages" in raw:
            langs = raw["languages"]
            if not isinstance(langs, list):
                self.add(f"{prefix}.languages", "not_list")
            else:
                for j, lang in enumerate(langs):
                    if _is_name(lang):
                        languages.add(lang)
                    else:
                        self.add(f"{prefix}.languages[{j}]", "not_string")

        needs: dict[str, int] = {}
        for subject, value in self.subject_map(raw, "needs", prefix, known).items():
            need = self.int_range(value, f"{prefix}.needs.{subject}", NEED_MIN, NEED_MAX)
            if need:
                needs[subject] = need

        capacities: dict[str, Capacity] = {}
        for subject, value in self.subject_map(raw, "capacities", prefix, known).items():
            path = f"{prefix}.capacities.{subject}"
            if not isinstance(value, dict):
                self.add(path, "not_object")
                continue
            self.unknown_keys(value, _CAPACITY_KEYS, path + ".")
            level = max_activities = None
            if "level" in value:
                level = self.int_range(value["level"], f"{path}.level", LEVEL_MIN, LEVEL_MAX)
            else:
                self.add(f"{path}.level", "required")
            if "max_activities" in value:
                max_activities = self.int_min(value["max_activities"], f"{path}.max_activities")
            else:
                self.add(f"{path}.max_activities", "required")
            if level is not None and max_activities is not None:
                capacities[subject] = Capacity(level, max_activities)

        max_received: int | None = None
        if raw.get("max_received") is not None:
            value = raw["max_received"]
            if _is_int(value) and value >= 0:
                max_received = int(value)
            else:
                self.add(f"{prefix}.max_received", "int_min_or_null", min=0)

        if len(self.errors) != n_errors:
            return None
        return Institution(
            id=inst_id,
            country=country,
            languages=tuple(sorted(languages)),
            needs=dict(sorted(needs.items())),
            capacities=dict(sorted(capacities.items())),
            max_received=max_received,
        )


def parse_input(data: Any) -> MatchingProblem:
    """Validate a decoded JSON value and return the problem; raise MatchingInputError."""
    parser = _Parser()
    if not isinstance(data, dict):
        raise MatchingInputError([InputIssue("$", "not_object")])
    parser.unknown_keys(data, _TOP_KEYS, "")
    if "version" in data and not (_is_int(data["version"]) and data["version"] == INPUT_VERSION):
        parser.add("version", "unsupported_version", expected=INPUT_VERSION)
    subjects = parser.subjects(data)
    known = frozenset(subjects) if subjects is not None else None
    options = parser.options(data)
    institutions: list[Institution] = []
    if "institutions" not in data:
        parser.add("institutions", "required")
    elif not isinstance(data["institutions"], list):
        parser.add("institutions", "not_list")
    else:
        first_index: dict[str, int] = {}
        for i, raw in enumerate(data["institutions"]):
            inst = parser.institution(raw, i, known, first_index)
            if inst is not None:
                institutions.append(inst)
    if parser.errors:
        raise MatchingInputError(parser.errors)
    assert subjects is not None
    return MatchingProblem(subjects=subjects, institutions=tuple(institutions), options=options)


# --------------------------------------------------------------------------- flow


def _max_weight_flow(
    n_nodes: int,
    tail: list[int],
    head: list[int],
    cap: list[int],
    cost: list[int],
    potential: list[int],
    source: int,
    sink: int,
) -> tuple[list[int], int]:
    """Minimum-cost flow of any value (stop while augmenting paths are negative).

    Primal-dual: Dijkstra on reduced costs gives the shortest augmenting path
    length; a maximum flow on the subgraph of zero reduced cost then saturates
    every shortest path at once.  ``potential`` must make all reduced costs of
    the empty flow non-negative.  Returns (flow per edge, number of phases).
    All arithmetic is on integers (float distances are exact below 2**53).
    """
    import numpy as np
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped,unused-ignore]
    from scipy.sparse.csgraph import (  # type: ignore[import-untyped,unused-ignore]
        dijkstra,
        maximum_flow,
    )

    t = np.asarray(tail, dtype=np.int64)
    h = np.asarray(head, dtype=np.int64)
    c = np.asarray(cap, dtype=np.int64)
    w = np.asarray(cost, dtype=np.int64)
    pi = np.asarray(potential, dtype=np.int64)
    flow = np.zeros(len(t), dtype=np.int64)
    if (w + pi[t] - pi[h]).min(initial=0) < 0:
        raise RuntimeError("initial potential is not feasible")
    edge_ids = np.arange(len(t), dtype=np.int64)

    def graph(rows: Any, cols: Any, data: Any) -> Any:
        # Built by hand so that explicit zeros (zero-cost edges) are kept as edges.
        order = np.lexsort((cols, rows))
        indptr = np.zeros(n_nodes + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_nodes), out=indptr[1:])
        return csr_matrix(
            (data[order], cols[order].astype(np.int32), indptr.astype(np.int32)),
            shape=(n_nodes, n_nodes),
        )

    phases = 0
    while True:
        fwd = flow < c
        bwd = flow > 0
        ru = np.concatenate((t[fwd], h[bwd]))
        rv = np.concatenate((h[fwd], t[bwd]))
        rcap = np.concatenate((c[fwd] - flow[fwd], flow[bwd]))
        reid = np.concatenate((edge_ids[fwd], edge_ids[bwd]))
        reduced = np.concatenate((w[fwd], -w[bwd])) + pi[ru] - pi[rv]
        costs = graph(ru, rv, reduced.astype(np.float64))
        dist = dijkstra(costs, directed=True, indices=[source])[0]
        if not np.isfinite(dist[sink]):
            break
        d_sink = int(dist[sink])
        if d_sink + int(pi[sink]) - int(pi[source]) >= 0:
            break  # no augmenting path of negative cost: optimal
        shift = np.rint(np.minimum(dist, d_sink)).astype(np.int64)
        pi += shift
        reduced += shift[ru] - shift[rv]
        adm = reduced == 0
        capacities = graph(ru[adm], rv[adm], rcap[adm].astype(np.int32))
        result = maximum_flow(capacities, source, sink, method="dinic")
        if result.flow_value <= 0:
            raise RuntimeError("no flow on a shortest path")
        mark = np.zeros(len(t), dtype=bool)
        mark[reid[adm]] = True
        touched = np.flatnonzero(mark)
        # The returned flow is antisymmetric and has entries for both directions.
        delta = np.asarray(result.flow[t[touched], h[touched]]).ravel().astype(np.int64)
        back = np.asarray(result.flow[h[touched], t[touched]]).ravel().astype(np.int64)
        if (delta != -back).any():
            raise RuntimeError("maximum_flow returned a flow that is not antisymmetric")
        flow[touched] += delta
        phases += 1
        if (flow < 0).any() or (flow > c).any():
            raise RuntimeError("flow out of bounds")
    return [int(x) for x in flow], phases


# --------------------------------------------------------------------------- solving


@dataclass
class _Class:
    """Providers of one subject with the same level, country key and languages."""

    subject: str
    level: int
    members: list[tuple[int, int]]  # (institution index, max_activities), by index
    edge: int  # source -> class


@dataclass
class _Chain:
    nodes: list[int]
    entries: list[list[tuple[int, int]]]  # per position: (class id, edge)
    exits: list[list[tuple[int, int]]]  # per position: (slot id, edge)


@dataclass
class _Group:
    """Hub chains of one (subject, level, language)."""

    level: int
    keys: list[int]  # sorted distinct country keys of the providers
    prefix: _Chain  # node a: providers with key <= keys[a]
    suffix: _Chain  # node a: providers with key >= keys[a]


class _Builder:
    def __init__(self) -> None:
        self.n = 2  # 0 = source, 1 = sink
        self.tail: list[int] = []
        self.head: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []

    def node(self) -> int:
        self.n += 1
        return self.n - 1

    def edge(self, u: int, v: int, capacity: int, cost: int = 0) -> int:
        self.tail.append(u)
        self.head.append(v)
        self.cap.append(capacity)
        self.cost.append(cost)
        return len(self.tail) - 1


SOURCE: Final = 0
SINK: Final = 1


def solve(problem: MatchingProblem) -> MatchingResult:
    """Return an optimal, deterministic set of activities for a validated problem."""
    opts = problem.options
    insts = sorted(problem.institutions, key=lambda inst: inst.id)
    subjects = sorted(set(problem.subjects))
    n = len(insts)

    if opts.allow_same_country:
        key = list(range(n))  # only forbids provider == beneficiary
    else:
        countries = sorted({inst.country for inst in insts})
        rank = {country: r for r, country in enumerate(countries)}
        key = [rank[inst.country] for inst in insts]
    if opts.require_common_language:
        all_langs = sorted({lang for inst in insts for lang in inst.languages})
        lang_rank = {lang: r for r, lang in enumerate(all_langs)}
        langs = [tuple(sorted(lang_rank[x] for x in set(inst.languages))) for inst in insts]
    else:
        langs = [(0,) for _ in insts]
    limit: list[int | None] = [inst.max_received for inst in insts]

    g = _Builder()
    classes: list[_Class] = []
    groups: list[_Group] = []
    slots: list[tuple[int, str, int]] = []  # (beneficiary index, subject, need)
    slot_count = [0] * n
    ben_node: dict[int, int] = {}
    downstream: list[int] = [SINK]
    providers_of: dict[str, list[tuple[int, int, int]]] = {}

    for s in subjects:
        bens = [(i, inst.needs[s]) for i, inst in enumerate(insts) if inst.needs.get(s, 0) >= 1]
        provs: list[tuple[int, int, int]] = []
        for i, inst in enumerate(insts):
            capacity = inst.capacities.get(s)
            if capacity is not None and capacity.level >= 1 and capacity.max_activities >= 1:
                provs.append((i, capacity.level, capacity.max_activities))
        providers_of[s] = provs
        bens = [(i, need) for i, need in bens if limit[i] != 0]
        if not bens or not provs:
            continue
        nb = len(bens)

        members: dict[tuple[int, int, tuple[int, ...]], list[tuple[int, int]]] = {}
        for i, level, max_activities in provs:
            members.setdefault((level, key[i], langs[i]), []).append((i, min(max_activities, nb)))
        by_group: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
        for class_key in sorted(members):
            level, k, class_langs = class_key
            cap = min(sum(m for _, m in members[class_key]), nb)
            node = g.node()
            cid = len(classes)
            classes.append(_Class(s, level, members[class_key], g.edge(SOURCE, node, cap)))
            for lang in class_langs:
                by_group.setdefault((level, lang), []).append((k, cid, node, cap))

        group_of: dict[tuple[int, int], _Group] = {}
        for group_key in sorted(by_group):
            entries = by_group[group_key]
            keys = sorted({k for k, _, _, _ in entries})
            position = {k: a for a, k in enumerate(keys)}
            m = len(keys)
            prefix = _Chain(
                [g.node() for _ in range(m)], [[] for _ in range(m)], [[] for _ in range(m)]
            )
            suffix = _Chain(
                [g.node() for _ in range(m)], [[] for _ in range(m)], [[] for _ in range(m)]
            )
            for a in range(m - 1):
                g.edge(prefix.nodes[a], prefix.nodes[a + 1], nb)
                g.edge(suffix.nodes[a + 1], suffix.nodes[a], nb)
            for k, cid, node, cap in entries:
                a = position[k]
                prefix.entries[a].append((cid, g.edge(node, prefix.nodes[a], cap)))
                suffix.entries[a].append((cid, g.edge(node, suffix.nodes[a], cap)))
            group = _Group(group_key[0], keys, prefix, suffix)
            group_of[group_key] = group
            groups.append(group)

        for i, need in bens:
            attach: list[tuple[_Chain, int, int]] = []
            for level in range(1, LEVEL_MAX + 1):
                for lang in langs[i]:
                    hub = group_of.get((level, lang))
                    if hub is None:
                        continue
                    a = bisect_left(hub.keys, key[i]) - 1
                    if a >= 0:
                        attach.append((hub.prefix, a, -need * level))
                    a = bisect_right(hub.keys, key[i])
                    if a < len(hub.keys):
                        attach.append((hub.suffix, a, -need * level))
            if not attach:
                continue
            slot_node = g.node()
            slot = len(slots)
            slots.append((i, s, need))
            slot_count[i] += 1
            downstream.append(slot_node)
            for chain, a, cost in attach:
                chain.exits[a].append((slot, g.edge(chain.nodes[a], slot_node, 1, cost)))
            if i not in ben_node:
                ben_node[i] = g.node()
                downstream.append(ben_node[i])
            g.edge(slot_node, ben_node[i], 1)

    for i in sorted(ben_node):
        cap_i = limit[i]
        g.edge(ben_node[i], SINK, slot_count[i] if cap_i is None else min(cap_i, slot_count[i]))

    stats = {
        "nodes": g.n,
        "edges": len(g.tail),
        "provider_classes": len(classes),
        "hub_groups": len(groups),
        "candidate_slots": len(slots),
        "phases": 0,
    }
    flow: list[int] = [0] * len(g.tail)
    if slots:
        lowest = min(g.cost)
        potential = [0] * g.n
        for v in downstream:
            potential[v] = lowest
        flow, stats["phases"] = _max_weight_flow(
            g.n, g.tail, g.head, g.cap, g.cost, potential, SOURCE, SINK
        )

    # Decompose the hub flow: units enter a chain at a class's position and leave at a
    # slot further along it; any pairing along the chain is valid (FIFO is deterministic).
    assigned: list[list[int]] = [[] for _ in classes]
    for group in groups:
        for chain, order in (
            (group.prefix, range(len(group.keys))),
            (group.suffix, range(len(group.keys) - 1, -1, -1)),
        ):
            queue: deque[list[int]] = deque()
            for a in order:
                for cid, e in chain.entries[a]:
                    if flow[e]:
                        queue.append([cid, flow[e]])
                for slot, e in chain.exits[a]:
                    if flow[e]:
                        front = queue[0]
                        assigned[front[0]].append(slot)
                        front[1] -= 1
                        if front[1] == 0:
                            queue.popleft()
            if queue:
                raise RuntimeError("flow is not conserved along a hub chain")

    activities: list[Activity] = []
    received = [0] * n
    served: set[tuple[int, str]] = set()
    for cid, cls in enumerate(classes):
        todo = sorted(assigned[cid], key=lambda sl: slots[sl][0])
        if len(todo) != flow[cls.edge]:
            raise RuntimeError("class flow does not match its assignments")
        pos = 0
        for provider, max_activities in cls.members:
            take = todo[pos : pos + max_activities]
            pos += len(take)
            for sl in take:
                b, s, need = slots[sl]
                activities.append(Activity(insts[provider].id, insts[b].id, s, need * cls.level))
                received[b] += 1
                served.add((b, s))
        if pos != len(todo):
            raise RuntimeError("class capacity exceeded")
    activities.sort(key=lambda x: (x.subject, x.beneficiary, x.provider))
    total = sum(x.score for x in activities)
    if total != -sum(f * w for f, w in zip(flow, g.cost, strict=True)):
        raise RuntimeError("decomposition lost score")

    unmet: list[UnmetNeed] = []
    for s in subjects:
        provs = providers_of[s]
        per_lang: dict[int, int] = {}
        per_lang_key: dict[tuple[int, int], int] = {}
        for p, _, _ in provs:
            for lang in langs[p]:
                per_lang[lang] = per_lang.get(lang, 0) + 1
                per_lang_key[(lang, key[p])] = per_lang_key.get((lang, key[p]), 0) + 1
        for b, inst in enumerate(insts):
            need = inst.needs.get(s, 0)
            if need < 1 or (b, s) in served:
                continue
            cap_b = limit[b]
            if not provs:
                reason = REASON_NO_PROVIDER
            elif not any(
                per_lang.get(lang, 0) > per_lang_key.get((lang, key[b]), 0) for lang in langs[b]
            ):
                reason = REASON_NO_COMPATIBLE_PROVIDER
            elif cap_b is not None and received[b] >= cap_b:
                reason = REASON_MAX_RECEIVED_REACHED
            else:
                reason = REASON_PROVIDER_CAPACITY_EXHAUSTED
            unmet.append(UnmetNeed(inst.id, s, need, reason))
    unmet.sort(key=lambda u: (u.subject, u.beneficiary))
    return MatchingResult(tuple(activities), total, tuple(unmet), True, stats)


def run(data: Any) -> dict[str, Any]:
    """Validate a decoded JSON value, solve it and return the output as a dict."""
    return solve(parse_input(data)).to_dict()


def run_json(text: str | bytes) -> dict[str, Any]:
    """Like :func:`run` for a JSON document; malformed JSON is reported at path ``$``."""
    if not isinstance(text, str | bytes | bytearray):
        raise MatchingInputError([InputIssue("$", "not_text")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        issue = InputIssue(
            "$", "invalid_json", {"error": exc.msg, "line": exc.lineno, "column": exc.colno}
        )
        raise MatchingInputError([issue]) from None
    except (ValueError, RecursionError) as exc:  # bad encoding, too many digits, nesting
        raise MatchingInputError(
            [InputIssue("$", "invalid_json_text", {"error": str(exc)})]
        ) from None
    return run(data)
