"""The input-cleaning layer (decision 0014): each fault of issue 10 §3, through the interface
where it was found, on both databases."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from smenet.api.testing import problem
from smenet.common import cleaning
from smenet.common.errors import ValidationFailed

DEEP = "[" * 1000 + "]" * 1000


@pytest.fixture(autouse=True)
def english():
    """Messages in English, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


class TestCore:
    @pytest.mark.parametrize(
        "value",
        ["a\x00b", "a\u202eb", "a\u2066b", "a\x0bb", "a\x7fb", "a\ud800b", "a\uffffb"],
    )
    def test_refuses_invisible_controls_naming_the_code_point(self, value):
        problem_text = cleaning.text_problem(value)
        assert problem_text and f"U+{ord(value[1]):04X}" in problem_text
        assert "position 2" in problem_text

    @pytest.mark.parametrize("value", ["مؤسسة\u200fKOBİA", "line\nbreak\ttab\r", "ok ‏‎ ؜"])
    def test_keeps_marks_and_ordinary_whitespace(self, value):
        assert cleaning.text_problem(value) is None

    def test_depth_is_checked_before_parsing_and_strings_do_not_count(self):
        assert cleaning.json_depth_exceeds(DEEP)
        assert not cleaning.json_depth_exceeds(json.dumps({"a": "[[[[" * 100}))
        assert not cleaning.json_depth_exceeds('"' + '\\"' * 10_000)  # linear, no error
        with pytest.raises(cleaning.InputRejected) as info:
            cleaning.load_json(DEEP)
        assert info.value.code == "too_deep"

    def test_load_json_names_the_path_of_each_bad_value(self):
        with pytest.raises(cleaning.InputRejected) as info:
            cleaning.load_json('{"a": [1, {"b": "x\\u0000"}], "n": 9223372036854775808}')
        assert set(info.value.errors) == {("a", "1", "b"), ("n",)}
        assert set(info.value.nested()) == {"a", "n"} and "b" in info.value.nested()["a"]["1"]
        for text in ("NaN", "[Infinity]", "1e400"):
            with pytest.raises(cleaning.InputRejected):
                cleaning.load_json(text)

    def test_portable_column_bounds(self):
        from smenet.capacity.models import Response

        assert cleaning.integer_range(Response, "max_received") == (0, 32767)
        assert cleaning.max_length(Response, "status") > 0


@pytest.mark.django_db
class TestApi:
    def test_deep_json_on_the_anonymous_token_endpoint_is_400(self, api):
        response = api.post("/api/v1/auth/token/", DEEP, content_type="application/json")
        assert response.status_code == 400
        assert problem(response)["code"] == "too_deep"

    def test_deep_json_on_an_authenticated_endpoint_is_400(self, as_user, secretariat_user):
        response = as_user(secretariat_user).post(
            "/api/v1/best-practices/", '{"title": ' + DEEP + "}", content_type="application/json"
        )
        assert response.status_code == 400 and problem(response)["code"] == "too_deep"

    def test_body_over_the_limit_is_413_problem_json(self, api, settings):
        body = json.dumps({"email": "a@b.c", "password": "x" * (15 * 1024 * 1024)})
        response = api.post("/api/v1/auth/token/", body, content_type="application/json")
        assert response.status_code == 413
        assert problem(response)["code"] == "too_large"
        settings.SMENET_MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # past the door: the parser's limit
        response = api.post("/api/v1/auth/token/", body, content_type="application/json")
        assert response.status_code == 413 and problem(response)["code"] == "too_large"

    def test_invalid_token_is_401_with_a_challenge(self, api):
        api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        response = api.get("/api/v1/me/")
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Token")
        assert problem(response)["code"] == "authentication_failed"

    def test_query_strings_are_cleaned_not_refused(self, api, reference_data):
        response = api.get("/api/v1/institutions/", {"country": "AZ\x00E"})
        assert response.status_code == 200  # read-only: the NUL is removed, AZE is meant
        response = api.get("/api/v1/search/", {"q": "abc\u202e"})
        assert response.status_code == 200

    def test_nul_in_a_page_path_is_400_and_in_a_query_is_removed(self, db):
        client = Client()
        assert client.get("/countries/AZ%00E/").status_code == 400
        assert client.get("/knowledge/", {"country": "A\x00"}).status_code == 200

    def test_body_values_are_checked_at_their_path(self, as_user, secretariat_user, reference_data):
        from smenet.knowledge.models import BestPractice

        client = as_user(secretariat_user)
        for payload, path in [
            ({"country": "AZE", "title": {"en": "Fund\x00"}}, ("title", "en")),
            ({"country": "AZE", "title": {"en": "a\u202eb"}}, ("title", "en")),
            ({"country": "AZE", "title": {"en": "ok"}, "year": 2**63}, ("year",)),
            ({"country": "AZE", "title": {"en\x00": "ok"}}, ("title",)),
        ]:
            response = client.post("/api/v1/best-practices/", payload, format="json")
            assert response.status_code == 400, (payload, response.content)
            errors = problem(response)["errors"]
            for key in path:
                errors = errors[key]
        assert not BestPractice.objects.exists()

    def test_lone_surrogate_is_refused(self, as_user, secretariat_user, reference_data):
        body = '{"country": "AZE", "title": {"en": "x\\ud800"}}'
        response = as_user(secretariat_user).post(
            "/api/v1/best-practices/", body, content_type="application/json"
        )
        assert response.status_code == 400 and "title" in problem(response)["errors"]

    def test_title_over_its_column_is_400_and_not_stored(
        self, as_user, secretariat_user, reference_data
    ):
        from smenet.knowledge.models import BestPractice

        limit = cleaning.max_length(BestPractice, "title")
        response = as_user(secretariat_user).post(
            "/api/v1/best-practices/",
            {"country": "AZE", "title": {"en": "x" * (limit + 1)}},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert not BestPractice.objects.exists()


@pytest.mark.django_db
class TestServiceBackstop:
    """The last check before a save refuses the same values on both databases."""

    def test_integer_beyond_a_smallint_column_is_refused_on_every_database(self, secretariat_user):
        from smenet.capacity.models import Response

        instance = Response(max_received=32768)
        with pytest.raises(ValidationFailed) as info:
            from smenet.common.services import validate

            validate(instance)
        assert "max_received" in info.value.errors
        assert "32767" in info.value.errors["max_received"][0]

    def test_translation_over_its_column_is_refused(self, reference_data):
        from smenet.common.services import validate
        from smenet.common.translation import set_translations
        from smenet.knowledge.models import BestPractice
        from smenet.registry.models import Country

        practice = BestPractice(country=Country.objects.get(iso3="AZE"), original_language="en")
        limit = cleaning.max_length(BestPractice, "title")
        set_translations(practice, {"title": {"ar": "ع" * (limit + 1)}})
        with pytest.raises(ValidationFailed) as info:
            validate(practice)
        assert "title_ar" in info.value.errors


@pytest.mark.django_db
class TestImports:
    """CSV/XLSX through the plan import, JSON Lines through ``smenet import best-practices``."""

    @pytest.fixture
    def draft(self):
        from smenet.plans.tests.factories import plan_with_items
        from smenet.registry.tests.factories import InstitutionFactory

        plan, version, _actions = plan_with_items(leads=[InstitutionFactory(acronym="AAA")])
        return version

    def _import(self, version, content: bytes, name: str = "p.csv"):
        from smenet.plans import imports
        from smenet.plans.models import PlanItem
        from smenet.plans.tests.factories import task_force_user

        before = list(PlanItem.objects.order_by("pk").values_list("pk", "version"))
        with pytest.raises(ValidationFailed) as info:
            imports.plan_import(
                actor=task_force_user(), version=version, name=name, content=content
            )
        assert list(PlanItem.objects.order_by("pk").values_list("pk", "version")) == before
        return " ".join(f"{k}: {' '.join(v)}" for k, v in info.value.errors.items())

    def test_csv_cell_over_the_csv_module_limit_names_the_line(self, draft):
        from smenet.plans.exports import COLUMNS

        header = ",".join(COLUMNS)
        content = f"{header}\n1,Obj,,,,,,AAA\n2,{'x' * 131_073},,,,,,AAA\n".encode()
        errors = self._import(draft, content)
        assert "line 3" in errors and "131072" in errors

    def test_row_longer_than_the_header_names_the_line(self, draft):
        content = b"number,title_en,lead\n1,Obj,AAA\n2,Obj,AAA,extra,cells\n"
        errors = self._import(draft, content)
        assert "line 3" in errors and "5 cells" in errors

    def test_nul_and_overlong_titles_in_a_table_name_line_and_column(self, draft):
        from smenet.plans.imports import SPEC as PLAN_SPEC

        limit = PLAN_SPEC.column("title_en").max_length
        content = PLAN_SPEC.write(
            [
                {"number": "1", "title_en": "Ob\x00j", "lead": "AAA"},
                {"number": "2", "title_en": "x" * (limit + 1), "lead": "AAA"},
            ]
        )
        errors = self._import(draft, content)
        assert "line 2: title_en: The text contains an invisible control character" in errors
        assert f"line 3: title_en: Use at most {limit} characters" in errors

    def test_deep_json_line_is_a_line_numbered_error_exit_2(self, tmp_path, capsys, reference_data):
        from smenet import cli
        from smenet.knowledge.models import BestPractice

        path = tmp_path / "bp.jsonl"
        good = {"ref": "bp-1", "country": "AZE", "title": {"en": "Ok"}}
        path.write_text(
            json.dumps(good) + "\n" + '{"ref": "bp-2", "country": "AZE", "title": ' + DEEP + "}\n"
        )
        code = cli.main(["import", "best-practices", str(path)])
        assert code == cli.EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert "line 2" in err and "32 levels" in err
        assert not BestPractice.objects.exists()

    def test_integer_and_nul_in_json_lines_name_line_and_key(
        self, tmp_path, capsys, reference_data
    ):
        from smenet import cli

        path = tmp_path / "bp.jsonl"
        rows = [
            {"ref": "bp-1", "country": "AZE", "title": {"en": "Ok"}, "year": 2**63},
            {"ref": "bp-2", "country": "AZE", "title": {"en": "O\u0000k"}},
            {"ref": "bp-3", "country": "AZE", "title": {"en": "Ok"}, "year": 40000},
        ]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        assert cli.main(["import", "best-practices", str(path)]) == cli.EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert "line 1: year" in err and "line 2: title.en" in err and "line 3: year" in err


def test_match_output_that_cannot_be_written_exits_2(tmp_path, capsys):
    from smenet import cli

    source = tmp_path / "in.json"
    source.write_text(json.dumps({"subjects": [], "institutions": []}))
    target = tmp_path / "missing-dir" / "out.json"
    assert cli.main(["match", "--input", str(source), "--output", str(target)]) == 2
    assert f"cannot write {target}" in capsys.readouterr().err
