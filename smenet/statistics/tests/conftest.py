import pytest

from smenet.registry.reference import load_countries

from .factories import count_indicator, share_indicator


@pytest.fixture
def countries(db):
    """The 57 member states of the reference data (real codes: AZE, TUR, SAU…)."""
    load_countries()


@pytest.fixture
def indicators(countries):
    """A share (SME_EMP_SHARE, percent, 0–100) and a count (SME_COUNT, enterprises, ≥ 0)."""
    return {"share": share_indicator(), "count": count_indicator()}
