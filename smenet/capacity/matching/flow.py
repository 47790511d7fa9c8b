"""The min-cost maximum-weight flow at the heart of the solver (integer costs, at most nine
augmenting phases)."""

from __future__ import annotations

from typing import Any


def max_weight_flow(
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
