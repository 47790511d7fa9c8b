"""Property-based API fuzzing (schemathesis strategies from our OpenAPI schema, hypothesis):
whatever the input, no endpoint answers with a server error — bad input is a 4xx."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

EXAMPLES = 3


def test_no_endpoint_answers_bad_input_with_a_server_error(founding, secretariat_user):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=secretariat_user).key
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    def checker(operation):
        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            for headers in ({}, {"Authorization": f"Token {token}"}):
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    failures.append(
                        f"{operation.method.upper()} {case.formatted_path} "
                        f"body={case.body!r} → {response.status_code}"
                    )

        return check

    for operation in operations:
        checker(operation)()
    assert not failures, "\n".join(sorted(set(failures))[:20])
