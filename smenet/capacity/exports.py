"""Exports of activities as CSV and XLSX (one row per activity, the same columns in both),
written by ``common.exports`` (no cell is ever a formula)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from smenet.common import exports

from .models import Activity


def _columns() -> list[str]:
    return [
        _("Reference"),
        _("Title"),
        _("Type"),
        _("Subject"),
        _("Cycle"),
        _("Status"),
        _("Providers"),
        _("Provider countries"),
        _("Beneficiaries"),
        _("Beneficiary countries"),
        _("Format"),
        _("Languages"),
        _("Starts"),
        _("Ends"),
        _("Time zone"),
        _("Funding source"),
        _("Participants"),
        _("Women"),
        _("Men"),
    ]


def _with_nominations(activities: Iterable[Activity]) -> Iterable[Activity]:
    """A QuerySet fetches the participants of all activities at once; a list is taken as is."""
    from django.db.models import QuerySet

    if isinstance(activities, QuerySet):
        return activities.prefetch_related("nominations")
    return activities


def _rows(activities: Iterable[Activity]) -> Iterable[list]:
    from smenet.common.translation import translated

    for a in _with_nominations(activities):
        attended = [n for n in a.nominations.all() if n.attended]
        providers, beneficiaries = list(a.providers.all()), list(a.beneficiaries.all())
        yield [
            a.reference,
            translated(a, "title"),
            str(a.type),
            str(a.subject),
            a.cycle.code if a.cycle else "",
            str(a.get_status_display()),
            ", ".join(p.acronym for p in providers),
            ", ".join(sorted({p.country.iso3 for p in providers if p.country})),
            ", ".join(b.acronym for b in beneficiaries),
            ", ".join(sorted({b.country.iso3 for b in beneficiaries if b.country})),
            str(a.get_format_display()),
            ", ".join(a.languages),
            a.starts_at.isoformat() if a.starts_at else "",
            a.ends_at.isoformat() if a.ends_at else "",
            a.time_zone,
            str(a.get_funding_source_display()),
            len(attended),
            sum(n.gender == "female" for n in attended),
            sum(n.gender == "male" for n in attended),
        ]


def activities_csv(activities: Iterable[Activity]) -> bytes:
    return exports.csv_bytes(_columns(), _rows(activities))


def activities_xlsx(activities: Iterable[Activity]) -> bytes:
    sheet = exports.Sheet(_("Activities"), header=_columns(), rows=list(_rows(activities)))
    return exports.xlsx_bytes([sheet])
