"""Solving a :class:`~.problem.MatchingProblem`: the flow network with prefix and suffix
chains over the providers' country ranks, mapped back to activities deterministically."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from dataclasses import dataclass
from typing import Final

from .flow import max_weight_flow
from .problem import (
    LEVEL_MAX,
    REASON_MAX_RECEIVED_REACHED,
    REASON_NO_COMPATIBLE_PROVIDER,
    REASON_NO_PROVIDER,
    REASON_PROVIDER_CAPACITY_EXHAUSTED,
    Activity,
    MatchingProblem,
    MatchingResult,
    UnmetNeed,
)


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
        flow, stats["phases"] = max_weight_flow(
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
