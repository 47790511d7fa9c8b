"""The ``/sdmx/`` web service read by a real SDMX client (``sdmx1``'s Client) over HTTP."""

from __future__ import annotations

import pytest
import requests
import sdmx
from lxml import etree

from smenet.statistics.importer import import_statistics_data

DATA = (
    "indicator,ref_area,period,value,unit,obs_status,source,definition\n"
    "SME_EMP_SHARE,AZE,2015,41.0,PC,A,https://example.org/aze,\n"
    "SME_EMP_SHARE,AZE,2019,43.7,PC,E,https://example.org/aze,\n"
    "SME_EMP_SHARE,TUR,2019,72.5,PC,A,,\n"
    "SME_EMP_SHARE,TUR,2021,73.0,PC,P,,\n"
    "SME_EMP_SHARE,OIC,2025,93,PC,A,,\n"
    "SME_COUNT,SAU,2023-Q3,1270000,ENT,A,,\n"
    "SME_COUNT,AZE,2020,350000,ENT,A,,\n"
)

MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"


@pytest.fixture
def client(live_server, indicators):
    import_statistics_data(DATA.encode(), name="seed.csv")
    sdmx.add_source(
        {"id": "SMENET", "url": f"{live_server.url}/sdmx", "name": "SMENET test"}, override=True
    )
    return sdmx.Client("SMENET")


def frame(message):
    df = sdmx.to_pandas(message.data[0]).reset_index()
    return {(r.REF_AREA, r.INDICATOR, r.TIME_PERIOD): float(r.value) for r in df.itertuples()}


def test_dataflows_and_structure_are_discovered(client):
    flows = client.dataflow()
    assert "SME_STATS" in flows.dataflow
    msg = client.dataflow("SME_STATS")  # sdmx1 asks for references=all
    dsd = msg.dataflow["SME_STATS"].structure
    assert [d.id for d in dsd.dimensions.components] == [
        "FREQ",
        "REF_AREA",
        "INDICATOR",
        "TIME_PERIOD",
    ]
    areas = msg.codelist["CL_AREA"]
    assert "AZE" in areas and "OIC_ARAB" in areas
    assert str(areas["AZE"].name.localizations["ar"]) == "أذربيجان"
    structure = client.datastructure("DSD_SME_STATS")
    assert "CL_INDICATOR" in structure.codelist
    assert "OBS_STATUS" in [
        a.id for a in structure.structure["DSD_SME_STATS"].attributes.components
    ]


def test_data_by_key_dict_and_period(client):
    msg = client.data(
        "SME_STATS",
        key={"REF_AREA": "AZE+TUR", "INDICATOR": "SME_EMP_SHARE"},
        params={"startPeriod": "2016", "endPeriod": "2020"},
    )
    assert frame(msg) == {
        ("AZE", "SME_EMP_SHARE", "2019"): 43.7,
        ("TUR", "SME_EMP_SHARE", "2019"): 72.5,
    }
    obs = msg.data[0].obs
    assert {str(o.attrib["OBS_STATUS"].value) for o in obs} == {"A", "E"}


def test_data_by_string_key_and_whole_flow(client):
    everything = frame(client.data("SME_STATS"))
    assert len(everything) == 7
    assert everything[("SAU", "SME_COUNT", "2023-Q3")] == 1270000
    assert frame(client.data("SME_STATS", key="A.OIC.")) == {("OIC", "SME_EMP_SHARE", "2025"): 93.0}


def test_structure_specific_and_csv_on_request(client, live_server):
    dsd = client.datastructure("DSD_SME_STATS").structure["DSD_SME_STATS"]
    msg = client.data(
        "SME_STATS",
        key="A.AZE.SME_EMP_SHARE",
        dsd=dsd,
        headers={"Accept": "application/vnd.sdmx.structurespecificdata+xml;version=2.1"},
    )
    assert frame(msg) == {
        ("AZE", "SME_EMP_SHARE", "2015"): 41.0,
        ("AZE", "SME_EMP_SHARE", "2019"): 43.7,
    }
    csv = requests.get(
        f"{live_server.url}/sdmx/data/SME_STATS/A.AZE.SME_EMP_SHARE",
        headers={"Accept": "application/vnd.sdmx.data+csv;version=1.0.0"},
        timeout=10,
    )
    assert csv.headers["Content-Type"].startswith("application/vnd.sdmx.data+csv")
    assert csv.text.splitlines()[1].startswith(
        "SMENET:SME_STATS(1.0),A,AZE,SME_EMP_SHARE,2015,41,PC"
    )


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("data/NOPE", 404, "100"),
        ("data/SME_STATS/A.XXX.SME_EMP_SHARE", 404, "100"),
        ("data/SME_STATS/A.AZE", 400, "140"),
        ("data/SME_STATS?startPeriod=soon", 400, "140"),
        ("data/SME_STATS?colour=red", 400, "140"),
        ("data/SME_STATS?dimensionAtObservation=REF_AREA", 501, "501"),
        ("dataflow/SMENET/NOPE/latest", 404, "100"),
        ("datastructure/SMENET/DSD_SME_STATS/9.9", 404, "100"),
    ],
)
def test_errors_are_sdmx_error_messages(client, live_server, path, status, code):
    response = requests.get(f"{live_server.url}/sdmx/{path}", timeout=10)
    assert response.status_code == status
    # The SDMX-ML 2.1 error message (SDMXMessage.xsd: Error/ErrorMessage[@code]/com:Text),
    # as the SDMX services of central banks and statistical offices send it.
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{MES}}}Error"
    (error,) = root.findall(f"{{{MES}}}ErrorMessage")
    assert error.get("code") == code
    assert error.find(f"{{{COM}}}Text").text


def test_client_raises_on_no_results(client):
    with pytest.raises(requests.HTTPError) as exc:
        client.data("SME_STATS", key="A.AZE.SME_COUNT", params={"startPeriod": "2021"})
    assert exc.value.response.status_code == 404


def test_sdmx_json_by_content_negotiation_read_back_by_sdmx1(client, live_server):
    """SDMX-JSON 1.0 when asked for by Accept; sdmx1's Client reads it (its JSON reader) into
    the same figures and statuses as the SDMX-ML answer."""
    accept = "application/vnd.sdmx.data+json;version=1.0.0"
    msg = client.data(
        "SME_STATS",
        key={"REF_AREA": "AZE+TUR", "INDICATOR": "SME_EMP_SHARE"},
        headers={"Accept": accept},
    )
    assert frame(msg) == frame(
        client.data("SME_STATS", key={"REF_AREA": "AZE+TUR", "INDICATOR": "SME_EMP_SHARE"})
    )
    assert frame(msg)[("AZE", "SME_EMP_SHARE", "2019")] == 43.7
    statuses = {
        (o.key["REF_AREA"].value, o.key["TIME_PERIOD"].value): str(o.attrib["OBS_STATUS"].value)
        for o in msg.data[0].obs
    }
    assert statuses[("AZE", "2019")] == "E" and statuses[("TUR", "2021")] == "P"
    raw = requests.get(
        f"{live_server.url}/sdmx/data/SME_STATS/.SAU.SME_COUNT",
        headers={"Accept": accept},
        timeout=10,
    )
    assert raw.headers["Content-Type"].startswith("application/vnd.sdmx.data+json")
    assert "Accept" in raw.headers["Vary"]
    body = raw.json()
    assert body["structure"]["dimensions"]["observation"][0]["values"] == [
        {"id": "2023-Q3", "name": "2023-Q3"}
    ]
    (series,) = body["dataSets"][0]["series"].values()
    assert series["observations"]["0"][0] == 1270000
    same = requests.get(f"{live_server.url}/sdmx/data/SME_STATS?format=jsondata", timeout=10)
    assert same.headers["Content-Type"].startswith("application/vnd.sdmx.data+json")


def test_sdmx_json_export_imports_back_unchanged(client, live_server):
    raw = requests.get(
        f"{live_server.url}/sdmx/data/SME_STATS",
        headers={"Accept": "application/vnd.sdmx.data+json"},
        timeout=10,
    )
    result = import_statistics_data(raw.content, name="export.json")
    assert result.format == "sdmx-json"
    assert (result.records, result.created, result.revised, result.unchanged) == (7, 0, 0, 7)
