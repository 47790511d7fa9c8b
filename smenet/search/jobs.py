"""The search app's long work, run by the task worker as a job (``smenet.jobs``, decision
0020): indexing every document again with the running analysis, then computing the sentence
vectors whose text changed. Started by ``smenet serve`` when the index was built with another
analysis, or by the Secretariat (``POST /api/v1/search/index/``); its page shows the progress."""

from __future__ import annotations

from django.utils.translation import gettext as _

from smenet.jobs.models import Job
from smenet.jobs.services import Outcome, Progress, register, register_title

REINDEX = "search.reindex"


@register(REINDEX)
def run_reindex(job: Job, progress: Progress) -> Outcome:
    """Idempotent: a retried job indexes again what its first attempt indexed."""
    from . import indexing, vectors

    lexical: list[int] = [0]

    def lexical_progress(done: int, total: int) -> None:
        lexical[0] = total
        progress(done, 2 * total)  # the vectors are the second half

    counts = indexing.reanalyse(progress=lexical_progress)
    total = lexical[0]
    computed = 0
    if vectors.enabled():
        seen: dict[str, int] = {}

        def vector_progress(name: str, done: int, _type_total: int) -> None:
            seen[name] = done
            progress(total + min(sum(seen.values()), total), 2 * total)

        computed = sum(vectors.rebuild(progress=vector_progress).values())
    progress(2 * total, 2 * total)
    return Outcome(
        message=_("Indexed %(documents)s documents again; %(vectors)s sentence vectors computed.")
        % {"documents": sum(counts.values()), "vectors": computed}
    )


@register_title(REINDEX)
def reindex_title(job: Job) -> str:
    return _("Re-indexing of the search")
