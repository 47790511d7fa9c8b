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
import re
from typing import Any

from .problem import (
    INPUT_VERSION,
    MESSAGES,
    REASON_MAX_RECEIVED_REACHED,
    REASON_NO_COMPATIBLE_PROVIDER,
    REASON_NO_PROVIDER,
    REASON_PROVIDER_CAPACITY_EXHAUSTED,
    UNMET_REASONS,
    Activity,
    Capacity,
    InputIssue,
    Institution,
    MatchingInputError,
    MatchingOptions,
    MatchingProblem,
    MatchingResult,
    UnmetNeed,
)
from .schema import parse_input
from .solver import solve

__all__ = [
    "INPUT_VERSION",
    "MESSAGES",
    "REASON_MAX_RECEIVED_REACHED",
    "REASON_NO_COMPATIBLE_PROVIDER",
    "REASON_NO_PROVIDER",
    "REASON_PROVIDER_CAPACITY_EXHAUSTED",
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


def run(data: Any) -> dict[str, Any]:
    """Validate a decoded JSON value, solve it and return the output as a dict."""
    return solve(parse_input(data)).to_dict()


#: The deepest nesting a document may have; a valid input is four levels deep. Checked on the
#: text before ``json.loads``, whose recursion would otherwise fail on Python's own limit.
MAX_JSON_DEPTH = 32

# A string (possibly unterminated, so the scan stays linear) or one bracket.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\Z)|[\[\]{}]', re.DOTALL)


def _nested_deeper_than(text: str, limit: int) -> bool:
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def run_json(text: str | bytes) -> dict[str, Any]:
    """Like :func:`run` for a JSON document; malformed JSON is reported at path ``$``."""
    if not isinstance(text, str | bytes | bytearray):
        raise MatchingInputError([InputIssue("$", "not_text")])
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MatchingInputError(
                [InputIssue("$", "invalid_json_text", {"error": exc.reason})]
            ) from None
    if _nested_deeper_than(text, MAX_JSON_DEPTH):
        raise MatchingInputError([InputIssue("$", "too_deep", {"depth": MAX_JSON_DEPTH})])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        issue = InputIssue(
            "$", "invalid_json", {"error": exc.msg, "line": exc.lineno, "column": exc.colno}
        )
        raise MatchingInputError([issue]) from None
    except ValueError as exc:  # too many digits
        raise MatchingInputError(
            [InputIssue("$", "invalid_json_text", {"error": str(exc)})]
        ) from None
    return run(data)
