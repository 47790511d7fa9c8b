"""Bulk import of best practices from JSON Lines (docs/contracts.md, "Best-practice import").

All or nothing: every line is checked first and every error reported with its line number and
field (``line 3: country: unknown ISO alpha-3 code "XXX"``); only a file without errors is
written, in one transaction. A ``ref`` already in the database is updated, not duplicated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from smenet.common import tabular
from smenet.common.cleaning import InputRejected, dotted, integer_range, load_json, max_length
from smenet.registry.models import Country, Institution
from smenet.registry.selectors import institution_find
from smenet.taxonomy.subjects import is_subject

from . import services
from .choices import PracticeStatus
from .models import TEMPLATE_FIELDS, BestPractice

LANG_RE = re.compile(r"^[A-Za-z]{2}$")
TEXT_KEYS = ("title", *TEMPLATE_FIELDS)
KEYS = {
    "ref",
    "country",
    "institution",
    "subjects",
    "original_language",
    "year",
    "status",
    "contact",
    "links",
    "is_sample",
    *TEXT_KEYS,
}


def _spec() -> tabular.ImportSpec:
    def texts(name: str, example: Any = None) -> tabular.Column:
        return tabular.Column(
            name, tabular.TEXTS, max_length=max_length(BestPractice, name), example=example
        )

    return tabular.ImportSpec(
        kind="best-practices",
        format="jsonl",
        columns=(
            tabular.Column("ref", max_length=100, example="bp-hostile-1"),
            tabular.Column("country", max_length=3, example="AZE"),
            tabular.Column("institution", max_length=300, example="KOBIA"),
            tabular.Column("subjects", tabular.LIST, example=["access-to-finance"]),
            tabular.Column("original_language", max_length=2, example="en"),
            tabular.Column(
                "year",
                tabular.INTEGER,
                bounds=integer_range(BestPractice, "year"),
                example=2024,
            ),
            tabular.Column("status", max_length=16, example="published"),
            tabular.Column("contact", max_length=max_length(BestPractice, "contact")),
            tabular.Column("links", tabular.LIST, example=[]),
            tabular.Column("is_sample", tabular.BOOLEAN, example=False),
            texts("title", {"en": "Credit guarantees for small firms"}),
            *(texts(name, {"en": "Text."}) for name in TEMPLATE_FIELDS),
        ),
    )


SPEC = tabular.register(_spec())


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Record:
    line: int
    ref: str
    country: Country
    institution: Institution | None
    texts: dict[str, dict[str, str]]
    subjects: list[str]
    fields: dict[str, Any]
    links: list[dict[str, str]] = field(default_factory=list)
    status: str = PracticeStatus.PUBLISHED


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def _texts(value: Any, key: str, errors: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        errors.append(_("%(field)s: expected an object of texts by language code") % {"field": key})
        return {}
    out: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANG_RE.match(lang):
            errors.append(
                _('%(field)s: "%(code)s" is not an ISO 639-1 language code')
                % {"field": key, "code": lang}
            )
        elif text is not None and not isinstance(text, str):
            errors.append(
                _("%(field)s.%(lang)s: expected text") % {"field": key, "lang": lang.lower()}
            )
        elif text and text.strip():
            out[lang.lower()] = text.strip() if key == "title" else text
    return out


class _Lookups:
    """Countries and institutions, read once per import."""

    def __init__(self) -> None:
        self.countries = {c.iso3: c for c in Country.objects.all()}
        self.institutions: dict[str, Institution | None] = {}

    def institution(self, key: str) -> Institution | None:
        if key not in self.institutions:
            self.institutions[key] = institution_find(key=key)
        return self.institutions[key]


def parse_record(data: Any, lookups: _Lookups) -> tuple[dict[str, Any], list[str]]:
    """Check one decoded line; returns the cleaned values and the errors (without line prefix)."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return {}, [_("expected a JSON object")]
    for key in sorted(set(data) - KEYS):
        errors.append(_("%(field)s: unknown field") % {"field": key})
    out: dict[str, Any] = {}

    ref = data.get("ref")
    if not isinstance(ref, str) or not ref.strip():
        errors.append(_("ref: required"))
    elif len(ref.strip()) > 100:
        errors.append(_("ref: at most 100 characters"))
    else:
        out["ref"] = ref.strip()

    country = data.get("country")
    if country is None or country == "":
        errors.append(_("country: required"))
    elif not isinstance(country, str) or country.strip().upper() not in lookups.countries:
        errors.append(_('country: unknown ISO alpha-3 code "%(code)s"') % {"code": country})
    else:
        out["country"] = lookups.countries[country.strip().upper()]

    institution = data.get("institution")
    out["institution"] = None
    if institution not in (None, ""):
        found = lookups.institution(institution) if isinstance(institution, str) else None
        if found is None:
            errors.append(_('institution: unknown institution "%(key)s"') % {"key": institution})
        else:
            out["institution"] = found

    texts: dict[str, dict[str, str]] = {}
    for key in TEXT_KEYS:
        if data.get(key) is not None:
            texts[key] = _texts(data[key], key, errors)
    if "title" not in data or data.get("title") is None:
        errors.append(_("title: required, in at least one language"))
    elif not texts.get("title") and isinstance(data.get("title"), dict):
        errors.append(_("title: required, in at least one language"))
    out["texts"] = texts

    subjects = data.get("subjects", [])
    if subjects is None:
        subjects = []
    if not isinstance(subjects, list) or not all(isinstance(s, str) for s in subjects):
        errors.append(_("subjects: expected a list of subject codes"))
        subjects = []
    for code in subjects:
        if not is_subject(code):
            errors.append(_('subjects: unknown subject "%(code)s"') % {"code": code})
    out["subjects"] = list(dict.fromkeys(subjects))

    lang = data.get("original_language")
    if lang is None:
        first = next(iter(texts.get("title", {})), "en")
        out["original_language"] = first
    elif not isinstance(lang, str) or not LANG_RE.match(lang):
        errors.append(
            _('original_language: "%(code)s" is not an ISO 639-1 language code') % {"code": lang}
        )
    else:
        out["original_language"] = lang.lower()

    year = data.get("year")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            errors.append(_("year: expected a year such as 2024"))
        else:
            out["year"] = year

    status = data.get("status", PracticeStatus.PUBLISHED)
    if status not in (PracticeStatus.PUBLISHED, PracticeStatus.DRAFT):
        errors.append(_('status: expected "published" or "draft"'))
    out["status"] = status

    contact = data.get("contact", "")
    if not isinstance(contact, str):
        errors.append(_("contact: expected text"))
    out["contact"] = contact if isinstance(contact, str) else ""

    links = data.get("links", []) or []
    clean_links = []
    if not isinstance(links, list):
        errors.append(_("links: expected a list"))
        links = []
    for link in links:
        if isinstance(link, str):
            clean_links.append({"url": link, "label": ""})
        elif isinstance(link, dict) and isinstance(link.get("url"), str):
            clean_links.append({"url": link["url"], "label": str(link.get("label", ""))})
        else:
            errors.append(_('links: each link is an address or {"url", "label"}'))
    out["links"] = clean_links

    is_sample = data.get("is_sample", False)
    if not isinstance(is_sample, bool):
        errors.append(_("is_sample: expected true or false"))
    out["is_sample"] = is_sample is True
    return out, errors


def read_lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    yield number, "\x00invalid-utf-8"
    except OSError as exc:
        raise ImportFailed(
            [_("cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}]
        ) from exc


def import_best_practices(path: str | Path) -> ImportResult:
    """Check the whole file, then write it in one transaction; raises ImportFailed."""
    lookups = _Lookups()
    errors: list[str] = []
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, text in read_lines(Path(path)):
        if not text.strip():
            continue
        prefix = _("line %(number)s") % {"number": number}
        if text.startswith("\x00invalid-utf-8"):
            errors.append(f"{prefix}: " + _("not valid UTF-8"))
            continue
        try:
            data = load_json(text)
        except json.JSONDecodeError as exc:
            errors.append(
                f"{prefix}: "
                + _("invalid JSON: %(error)s (column %(column)s)")
                % {"error": exc.msg, "column": exc.colno}
            )
            continue
        except InputRejected as exc:
            errors.extend(
                f"{prefix}: {dotted(path) or 'JSON'}: {message}"
                for path, messages in exc.errors.items()
                for message in messages
            )
            continue
        if isinstance(data, dict) and (problems := SPEC.check(data)):
            errors.extend(f"{prefix}: {p}" for p in problems)
            continue
        values, problems = parse_record(data, lookups)
        ref = values.get("ref")
        if ref and ref in seen:
            problems.append(
                _('ref: "%(ref)s" already appears on line %(line)s')
                % {"ref": ref, "line": seen[ref]}
            )
        elif ref:
            seen[ref] = number
        errors.extend(f"{prefix}: {p}" for p in problems)
        values["line"] = number
        records.append(values)
    if errors:
        raise ImportFailed(errors)
    if not records:
        raise ImportFailed([_("the file contains no best practice")])
    return _write(records)


def _write(records: list[dict[str, Any]]) -> ImportResult:
    result = ImportResult()
    with transaction.atomic():
        existing = {
            bp.ref: bp for bp in BestPractice.objects.filter(ref__in=[r["ref"] for r in records])
        }
        for r in records:
            fields = {
                "year": r.get("year"),
                "original_language": r["original_language"],
                "contact": r["contact"],
                "is_sample": r["is_sample"],
            }
            try:
                if r["ref"] in existing:
                    services.best_practice_update(
                        actor=None,
                        practice=existing[r["ref"]],
                        texts=r["texts"],
                        subjects=r["subjects"],
                        links=r["links"],
                        country=r["country"],
                        institution=r["institution"],
                        status=r["status"],
                        **fields,
                    )
                    result.updated += 1
                else:
                    services.best_practice_create(
                        actor=None,
                        ref=r["ref"],
                        country=r["country"],
                        institution=r["institution"],
                        texts=r["texts"],
                        subjects=r["subjects"],
                        links=r["links"],
                        status=r["status"],
                        **fields,
                    )
                    result.created += 1
            except Exception as exc:
                from smenet.common.errors import DomainError

                if not isinstance(exc, DomainError):
                    raise
                details = "; ".join(
                    f"{name}: {' '.join(msgs)}" for name, msgs in exc.errors.items()
                )
                raise ImportFailed(
                    [_("line %(number)s") % {"number": r["line"]} + f": {details}"]
                ) from exc
    return result
