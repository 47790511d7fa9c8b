"""The General Assembly progress report (PDF, XLSX) and the plan's CSV/XLSX export and import."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smenet.capacity.taxonomy import subject_names
from smenet.common.errors import ValidationFailed
from smenet.common.translation import pick, translations_dict
from smenet.registry.selectors import institution_find

from . import selectors, services
from .choices import ProgressStatus
from .models import PlanVersion
from .tree import Tree

LANGS = ("en", "fr", "ar")


def report_context(version: PlanVersion, lang: str, today: datetime.date | None = None) -> dict:
    tree = selectors.version_tree(version=version, today=today)
    indicators = [(n, ind) for n in tree.walk() for ind in n.item.indicators.all()]
    statuses = [(s, ProgressStatus(s).label, c) for s, c in tree.status_counts().items()]
    return {
        "plan": version.plan,
        "version": version,
        "tree": tree,
        "nodes": list(tree.walk()),
        "indicators": indicators,
        "statuses": statuses,
        "late": [n for n in tree.leaves() if n.late],
        "objectives": [(n, tree.status_counts(n.leaves())) for n in tree.roots],
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
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(lang):
        ctx = report_context(version, lang)
        tree: Tree = ctx["tree"]
        wb = Workbook()
        summary = wb.active
        summary.title = _("Summary")[:31]
        summary.sheet_view.rightToLeft = ctx["rtl"]
        summary.append([str(version.plan)])
        summary["A1"].font = Font(bold=True, size=14)
        summary.append([_("Version"), version.number, version.get_status_display()])
        summary.append([_("Overall progress (%)"), tree.percent])
        summary.append([_("Late items"), tree.late_count()])
        summary.append([])
        summary.append([_("Status"), _("Items")])
        for _code, label, count in ctx["statuses"]:
            summary.append([str(label), count])
        summary.append([])
        summary.append(
            [_("Lead institution")]
            + [str(label) for _c, label, _n in ctx["statuses"]]
            + [_("Late")]
        )
        for inst, counts, late in ctx["institutions"]:
            summary.append([inst.acronym, *counts.values(), late])
        items = wb.create_sheet(_("Items")[:31])
        items.sheet_view.rightToLeft = ctx["rtl"]
        items.append(
            [
                _("No."),
                _("Title"),
                _("Lead institution"),
                _("Start"),
                _("End"),
                _("Status"),
                _("Percent complete"),
                _("Late"),
                _("Weight"),
            ]
        )
        for n in tree.walk():
            items.append(
                [
                    n.number,
                    pick(translations_dict(n.item, "title"))[0],
                    n.item.lead.acronym if n.item.lead_id else "",
                    n.item.start,
                    n.item.end,
                    str(ProgressStatus(n.status).label),
                    n.percent,
                    _("yes") if n.late else "",
                    float(n.item.weight),
                ]
            )
        inds = wb.create_sheet(_("Indicators")[:31])
        inds.sheet_view.rightToLeft = ctx["rtl"]
        inds.append(
            [
                _("No."),
                _("Indicator"),
                _("Unit"),
                _("Baseline"),
                _("Target"),
                _("Target date"),
                _("Latest actual"),
                _("Actual as of"),
            ]
        )
        for n, ind in ctx["indicators"]:
            inds.append(
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
        for sheet in wb.worksheets:
            for row in sheet.iter_rows(min_row=1, max_row=1):
                for cell in row:
                    cell.font = Font(bold=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- Plan export and import: one row per item; further rows with the same number and no title
# add indicators to it. ---

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
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(plan_rows(version))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens Arabic correctly


def plan_xlsx(version: PlanVersion) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.title = "plan"
    sheet.append(COLUMNS)
    for row in plan_rows(version):
        sheet.append([row[c] for c in COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_rows(name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) from a CSV or XLSX file; the header is line 1."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a bad file
            raise ValidationFailed({"file": [_("This is not a readable XLSX file.")]}) from exc
        values = list(wb.active.iter_rows(values_only=True))
        if not values:
            raise ValidationFailed({"file": [_("The file is empty.")]})
        header = [str(h or "").strip() for h in values[0]]
        rows = []
        for number, raw in enumerate(values[1:], start=2):
            cells = {}
            for h, v in zip(header, raw, strict=False):
                if isinstance(v, datetime.datetime):
                    v = v.date()
                cells[h] = (
                    "" if v is None else (v.isoformat() if isinstance(v, datetime.date) else str(v))
                )
            rows.append((number, cells))
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationFailed({"file": [_("The file is not UTF-8 text.")]}) from exc
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        rows = [
            (reader.line_num, {(k or "").strip(): (v or "") for k, v in row.items()})
            for row in reader
        ]
    missing = [c for c in ("number", "title_en", "lead") if c not in header]
    if missing:
        raise ValidationFailed(
            {"line 1": [_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]}
        )
    return [(n, {k: (v or "").strip() for k, v in r.items()}) for n, r in rows if any(r.values())]


def _date(value: str, errors: list[str], column: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        errors.append(
            _("%(column)s: %(value)s is not a date (YYYY-MM-DD).")
            % {"column": column, "value": value}
        )
        return None


def _dec(value: str, errors: list[str], column: str) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:
        errors.append(
            _("%(column)s: %(value)s is not a number.") % {"column": column, "value": value}
        )
        return None


def plan_import(*, actor: Any, version: PlanVersion, name: str, content: bytes) -> int:
    """Replace the items of a draft with the file's, all or nothing. Errors name the line."""
    services._require_drafting(actor, version)
    rows = read_rows(name, content)
    known_subjects = subject_names()
    errors: dict[str, list[str]] = {}
    items: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    institutions: dict[str, Any] = {}

    def inst(acronym: str, problems: list[str]) -> Any:
        if acronym not in institutions:
            institutions[acronym] = institution_find(key=acronym)
        if institutions[acronym] is None:
            problems.append(_("Unknown institution %(key)s.") % {"key": acronym})
        return institutions[acronym]

    for line, row in rows:
        problems: list[str] = []
        number = row.get("number", "").strip().rstrip(".")
        parts = number.split(".")
        if not number or not all(p.isdigit() for p in parts):
            problems.append(_("number: give the item's number, such as 1.2.3."))
        titles = {c: row.get(f"title_{c}", "") for c in LANGS}
        indicator = None
        if any(row.get(f"indicator_{c}") for c in LANGS):
            indicator = {
                "names": {c: row.get(f"indicator_{c}", "") for c in LANGS},
                "unit": row.get("unit", ""),
                "baseline": _dec(row.get("baseline", ""), problems, "baseline"),
                "target": _dec(row.get("target", ""), problems, "target"),
                "target_date": _date(row.get("target_date", ""), problems, "target_date"),
            }
            if indicator["target"] is None and not row.get("target"):
                problems.append(_("target: give the indicator's target."))
        if not problems and number in items:
            if any(titles.values()):
                problems.append(_("number %(number)s appears twice.") % {"number": number})
            elif indicator:
                items[number]["indicators"].append(indicator)
        elif not problems:
            if not any(titles.values()):
                problems.append(_("Give the title in at least one language."))
            parent = ".".join(parts[:-1]) or None
            if parent and parent not in items:
                problems.append(
                    _("Its parent %(parent)s must come before it.") % {"parent": parent}
                )
            if len(parts) > version.plan.max_depth:
                problems.append(
                    _("This plan has at most %(depth)s levels.") % {"depth": version.plan.max_depth}
                )
            lead = inst(row["lead"], problems) if row.get("lead") else None
            partners = [
                inst(p.strip(), problems) for p in row.get("partners", "").split(";") if p.strip()
            ]
            subjects = [s.strip() for s in row.get("subjects", "").split(";") if s.strip()]
            for code in subjects:
                if code not in known_subjects:
                    problems.append(_("Unknown subject %(code)s.") % {"code": code})
            start = _date(row.get("start", ""), problems, "start")
            end = _date(row.get("end", ""), problems, "end")
            for column, day in (("start", start), ("end", end)):
                if day and not (version.plan.period_start <= day <= version.plan.period_end):
                    problems.append(
                        _("%(column)s: outside the plan's period.") % {"column": column}
                    )
            if start and end and end < start:
                problems.append(_("The end date is before the start date."))
            weight = _dec(row.get("weight", ""), problems, "weight")
            items[number] = {
                "parent": parent,
                "titles": titles,
                "descriptions": {c: row.get(f"description_{c}", "") for c in LANGS},
                "lead": lead,
                "partners": partners,
                "subjects": subjects,
                "start": start,
                "end": end,
                "budget": _dec(row.get("budget", ""), problems, "budget"),
                "currency": row.get("currency", "") or "USD",
                "funding_source": row.get("funding_source", ""),
                "weight": weight if weight is not None else Decimal(1),
                "indicators": [indicator] if indicator else [],
                "line": line,
            }
            order.append(number)
        if problems:
            errors[_("line %(line)s") % {"line": line}] = problems
    if not rows:
        errors["file"] = [_("The file has no items.")]
    if errors:
        raise ValidationFailed(errors, code="import_failed")

    existing = {n.number: n.item.key for n in selectors.version_tree(version=version).walk()}
    with transaction.atomic():
        version.items.filter(parent__isnull=True).delete()
        created: dict[str, Any] = {}
        for number in order:
            data = items[number]
            try:
                created[number] = services.item_create(
                    actor=actor,
                    version=version,
                    parent=created.get(data["parent"]) if data["parent"] else None,
                    key=existing.get(number),
                    titles=data["titles"],
                    descriptions=data["descriptions"],
                    lead=data["lead"],
                    partners=data["partners"],
                    start=data["start"],
                    end=data["end"],
                    subjects=data["subjects"],
                    budget=data["budget"],
                    currency=data["currency"],
                    funding_source=data["funding_source"],
                    weight=data["weight"],
                    indicators=data["indicators"],
                )
            except services.DomainError as exc:
                raise ValidationFailed(
                    {
                        _("line %(line)s") % {"line": data["line"]}: [
                            f"{field}: {message}"
                            for field, messages in exc.errors.items()
                            for message in messages
                        ]
                    },
                    code="import_failed",
                ) from exc
    return len(order)
