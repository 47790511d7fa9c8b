"""The General Assembly progress report (PDF, XLSX) and the plan's CSV/XLSX export (the import,
which reads it back, is in ``imports.py``)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.common import exports
from smenet.common.translation import pick, translations_dict

from . import selectors
from .choices import ProgressStatus
from .models import PlanVersion
from .tree import Tree, state_rows

LANGS = ("en", "fr", "ar")


def report_context(version: PlanVersion, lang: str, today: datetime.date | None = None) -> dict:
    tree = selectors.version_tree(version=version, today=today)
    indicators = [(n, ind) for n in tree.walk() for ind in n.item.indicators.all()]
    statuses = state_rows(tree.state_counts())
    return {
        "plan": version.plan,
        "version": version,
        "tree": tree,
        "nodes": list(tree.walk()),
        "indicators": indicators,
        "statuses": statuses,
        "late": [n for n in tree.leaves() if n.late],
        "objectives": [(n, tree.state_counts(n.leaves())) for n in tree.roots],
        "institutions": tree.by_institution(),
        "generated": timezone.localdate() if today is None else today,
        "lang": lang,
        "rtl": translation.get_language_bidi(),
    }


def report_pdf(version: PlanVersion, *, lang: str, today: datetime.date | None = None) -> bytes:
    import weasyprint

    with translation.override(lang):
        html = render_to_string("plans/report_pdf.html", report_context(version, lang, today))
    return weasyprint.HTML(string=html).write_pdf()


def report_xlsx(version: PlanVersion, *, lang: str) -> bytes:
    with translation.override(lang):
        ctx = report_context(version, lang)
        tree: Tree = ctx["tree"]
        rtl = ctx["rtl"]
        summary = exports.Sheet(_("Summary"), rtl=rtl, big_rows=(1,))
        summary.append([str(version.plan)])
        summary.append([_("Version"), version.number, version.get_status_display()])
        summary.append([_("Overall progress (%)"), tree.percent])
        summary.append([_("Overdue items"), tree.late_count()])
        summary.append([])
        summary.append([_("State"), _("Items")])
        bold = [len(summary.rows)]
        for _code, label, count in ctx["statuses"]:
            summary.append([str(label), count])
        summary.append([])
        summary.append([_("Lead institution")] + [str(label) for _c, label, _n in ctx["statuses"]])
        bold.append(len(summary.rows))
        summary.bold_rows = tuple(bold)
        for inst, counts, _overdue in ctx["institutions"]:
            summary.append([inst.acronym, *counts.values()])
        items = exports.Sheet(
            _("Items"),
            rtl=rtl,
            header=[
                _("No."),
                _("Title"),
                _("Lead institution"),
                _("Start"),
                _("End"),
                _("State"),
                _("Reported status"),
                _("Percent complete"),
                _("Weight"),
            ],
        )
        for n in tree.walk():
            items.append(
                [
                    n.number,
                    pick(translations_dict(n.item, "title"))[0],
                    n.item.lead.acronym if n.item.lead_id else "",
                    n.item.start,
                    n.item.end,
                    n.state_label,
                    str(ProgressStatus(n.status).label),
                    n.percent,
                    float(n.item.weight),
                ]
            )
        indicators = exports.Sheet(
            _("Indicators"),
            rtl=rtl,
            header=[
                _("No."),
                _("Indicator"),
                _("Unit"),
                _("Baseline"),
                _("Target"),
                _("Target date"),
                _("Latest actual"),
                _("Actual as of"),
            ],
        )
        for n, ind in ctx["indicators"]:
            indicators.append(
                [
                    n.number,
                    str(ind),
                    ind.unit,
                    ind.baseline,
                    ind.target,
                    ind.target_date,
                    ind.actual,
                    ind.actual_on,
                ]
            )
        return exports.xlsx_bytes([summary, items, indicators])


# --- Plan export: one row per item; further rows with the same number and no title add
# indicators to it. ``key`` and ``version`` let an import find the item again and notice a
# change made after the export. ---

COLUMNS = [
    "number",
    "title_en",
    "title_fr",
    "title_ar",
    "description_en",
    "description_fr",
    "description_ar",
    "lead",
    "partners",
    "start",
    "end",
    "subjects",
    "budget",
    "currency",
    "funding_source",
    "weight",
    "indicator_en",
    "indicator_fr",
    "indicator_ar",
    "unit",
    "baseline",
    "target",
    "target_date",
    "key",
    "version",
]


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def plan_rows(version: PlanVersion) -> list[dict[str, str]]:
    tree = selectors.version_tree(version=version)
    rows = []
    for n in tree.walk():
        item = n.item
        titles = translations_dict(item, "title")
        descriptions = translations_dict(item, "description")
        base = {
            "number": n.number,
            **{f"title_{c}": titles.get(c, "") for c in LANGS},
            **{f"description_{c}": descriptions.get(c, "") for c in LANGS},
            "lead": item.lead.acronym if item.lead_id else "",
            "partners": "; ".join(sorted(p.acronym for p in item.partners.all())),
            "start": item.start.isoformat() if item.start else "",
            "end": item.end.isoformat() if item.end else "",
            "subjects": "; ".join(sorted(s.code for s in item.subjects.all())),
            "budget": _num(item.budget),
            "currency": item.currency,
            "funding_source": item.funding_source,
            "weight": _num(item.weight),
            "key": item.key,
            "version": item.version,
        }
        indicators = list(item.indicators.all()) or [None]
        for i, ind in enumerate(indicators):
            row = dict(base) if i == 0 else {"number": n.number}
            if ind is not None:
                names = translations_dict(ind, "name")
                row.update({f"indicator_{c}": names.get(c, "") for c in LANGS})
                row.update(
                    unit=ind.unit,
                    baseline=_num(ind.baseline),
                    target=_num(ind.target),
                    target_date=ind.target_date.isoformat() if ind.target_date else "",
                )
            rows.append({c: row.get(c, "") for c in COLUMNS})
    return rows


def plan_csv(version: PlanVersion) -> bytes:
    rows = plan_rows(version)
    return exports.csv_bytes(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))


def plan_xlsx(version: PlanVersion) -> bytes:
    sheet = exports.Sheet("plan", header=COLUMNS, freeze_header=False)
    for row in plan_rows(version):
        sheet.append([row[c] for c in COLUMNS])
    return exports.xlsx_bytes([sheet])
