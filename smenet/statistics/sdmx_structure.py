"""SMENET's SDMX 2.1 structures, built from the database with the ``sdmx1`` information model.

One dataflow, ``SMENET:SME_STATS(1.0)``, described by ``SMENET:DSD_SME_STATS(1.0)``: series keyed
by ``FREQ.REF_AREA.INDICATOR`` (ISO alpha-3 or group codes for the area), observations by
``TIME_PERIOD`` (``2023`` or ``2023-Q3``), the value in ``OBS_VALUE``; ``UNIT_MEASURE``,
``UNIT_MULT`` and ``DECIMALS`` on the series; ``OBS_STATUS``, ``VALUE_QUALIFIER``, ``SOURCE``,
``PUBLISHER``, ``SME_DEFINITION`` and ``OBS_COMMENT`` on the observation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from sdmx.model import common
from sdmx.model import v21 as m

from smenet.common.translation import translations_dict

from .areas import GROUP_NAMES, GROUPS
from .choices import ObsStatus, Unit

AGENCY_ID = "SMENET"
FLOW_ID = "SME_STATS"
DSD_ID = "DSD_SME_STATS"
VERSION = "1.0"
DIMENSIONS = ("FREQ", "REF_AREA", "INDICATOR")
TIME_DIMENSION = "TIME_PERIOD"
PRIMARY_MEASURE = "OBS_VALUE"
SERIES_ATTRIBUTES = ("UNIT_MEASURE", "UNIT_MULT", "DECIMALS")
OBS_ATTRIBUTES = (
    "OBS_STATUS",
    "VALUE_QUALIFIER",
    "SOURCE",
    "PUBLISHER",
    "SME_DEFINITION",
    "OBS_COMMENT",
)
LANGS = tuple(code for code, _name in settings.LANGUAGES)


def _names(fn: Any) -> dict[str, str]:
    """A text in every interface language: ``fn`` is called with each language active."""
    out = {}
    for lang in LANGS:
        with translation.override(lang):
            out[lang] = str(fn())
    return out


CONCEPTS = {
    "FREQ": lambda: _("Frequency"),
    "REF_AREA": lambda: _("Reference area"),
    "INDICATOR": lambda: _("Indicator"),
    "TIME_PERIOD": lambda: _("Time period"),
    "OBS_VALUE": lambda: _("Observation value"),
    "UNIT_MEASURE": lambda: _("Unit of measure"),
    "UNIT_MULT": lambda: _("Unit multiplier"),
    "DECIMALS": lambda: _("Decimals"),
    "OBS_STATUS": lambda: _("Observation status"),
    "VALUE_QUALIFIER": lambda: _("Value qualifier"),
    "SOURCE": lambda: _("Source"),
    "PUBLISHER": lambda: _("Publisher"),
    "SME_DEFINITION": lambda: _("National SME definition"),
    "OBS_COMMENT": lambda: _("Comment"),
}
FREQUENCIES = {"A": lambda: _("Annual"), "Q": lambda: _("Quarterly")}


@dataclass
class Structures:
    agency: common.Agency
    codelists: dict[str, common.Codelist]
    concepts: common.ConceptScheme
    dsd: m.DataStructureDefinition
    dataflow: m.DataflowDefinition


def _codelist(agency: common.Agency, cl_id: str, name: Any) -> common.Codelist:
    return common.Codelist(
        id=cl_id, maintainer=agency, version=VERSION, is_final=True, name=_names(name)
    )


def build(*, indicators: list[Any], countries: list[Any]) -> Structures:
    """The structures for ``indicators`` and ``countries`` (with prefetched translations)."""
    agency = common.Agency(id=AGENCY_ID, name=_names(lambda: _("OIC SME Network")))

    cl_freq = _codelist(agency, "CL_FREQ", lambda: _("Frequency"))
    for code, label in FREQUENCIES.items():
        cl_freq.append(common.Code(id=code, name=_names(label)))

    cl_area = _codelist(agency, "CL_AREA", lambda: _("Reference areas"))
    for c in countries:
        names = {k: v for k, v in translations_dict(c, "name").items() if k in LANGS}
        cl_area.append(common.Code(id=c.iso3, name=names or {"en": c.iso3}))
    for code in GROUPS:
        cl_area.append(common.Code(id=code, name=_names(lambda code=code: GROUP_NAMES[code])))

    cl_ind = _codelist(agency, "CL_INDICATOR", lambda: _("SME indicators"))
    for ind in indicators:
        names = {k: v for k, v in translations_dict(ind, "name").items() if k in LANGS}
        descriptions = {k: v for k, v in translations_dict(ind, "definition").items() if k in LANGS}
        item = common.Code(id=ind.code, name=names or {"en": ind.code})
        if descriptions:
            item.description = descriptions
        cl_ind.append(item)

    cl_status = _codelist(agency, "CL_OBS_STATUS", lambda: _("Observation status"))
    for status in ObsStatus:
        cl_status.append(
            common.Code(id=status.value, name=_names(lambda s=status: ObsStatus(s).label))
        )

    cl_unit = _codelist(agency, "CL_UNIT", lambda: _("Units of measure"))
    for unit in Unit:
        cl_unit.append(common.Code(id=unit.value, name=_names(lambda u=unit: Unit(u).label)))

    concepts = common.ConceptScheme(
        id="CS_SME_STATS",
        maintainer=agency,
        version=VERSION,
        is_final=True,
        name=_names(lambda: _("Concepts of SME statistics")),
    )
    for concept_id, label in CONCEPTS.items():
        concepts.append(common.Concept(id=concept_id, name=_names(label)))

    coded = {"FREQ": cl_freq, "REF_AREA": cl_area, "INDICATOR": cl_ind}
    dsd = m.DataStructureDefinition(
        id=DSD_ID,
        maintainer=agency,
        version=VERSION,
        is_final=True,
        name=_names(lambda: _("SME statistics")),
    )
    for order, dim in enumerate(DIMENSIONS, start=1):
        dsd.dimensions.append(
            common.Dimension(
                id=dim,
                order=order,
                concept_identity=concepts[dim],
                local_representation=common.Representation(enumerated=coded[dim]),
            )
        )
    dsd.dimensions.append(
        common.TimeDimension(
            id=TIME_DIMENSION,
            order=len(DIMENSIONS) + 1,
            concept_identity=concepts[TIME_DIMENSION],
        )
    )
    dsd.measures.append(
        m.PrimaryMeasure(id=PRIMARY_MEASURE, concept_identity=concepts[PRIMARY_MEASURE])
    )
    series_rel = common.DimensionRelationship(dimensions=list(dsd.dimensions.components[:3]))
    attr_coded = {"UNIT_MEASURE": cl_unit, "OBS_STATUS": cl_status}
    for attr in SERIES_ATTRIBUTES:
        dsd.attributes.append(
            common.DataAttribute(
                id=attr,
                concept_identity=concepts[attr],
                related_to=series_rel,
                usage_status=common.UsageStatus.conditional,
                local_representation=common.Representation(enumerated=attr_coded[attr])
                if attr in attr_coded
                else None,
            )
        )
    for attr in OBS_ATTRIBUTES:
        dsd.attributes.append(
            common.DataAttribute(
                id=attr,
                concept_identity=concepts[attr],
                related_to=m.PrimaryMeasureRelationship(),
                usage_status=common.UsageStatus.conditional,
                local_representation=common.Representation(enumerated=attr_coded[attr])
                if attr in attr_coded
                else None,
            )
        )
    dataflow = m.DataflowDefinition(
        id=FLOW_ID,
        maintainer=agency,
        version=VERSION,
        is_final=True,
        structure=dsd,
        name=_names(lambda: _("SME statistics of the OIC member states")),
    )
    return Structures(
        agency=agency,
        codelists={cl.id: cl for cl in (cl_freq, cl_area, cl_ind, cl_status, cl_unit)},
        concepts=concepts,
        dsd=dsd,
        dataflow=dataflow,
    )


def load() -> Structures:
    """The structures as they are in the database now."""
    from smenet.registry.models import Country

    from .models import Indicator

    indicators = list(Indicator.objects.with_translations().order_by("order", "code"))
    countries = list(Country.objects.prefetch_related("translations").order_by("iso3"))
    return build(indicators=indicators, countries=countries)
