"""Property-based API fuzzing (schemathesis strategies from our OpenAPI schema, hypothesis):
whatever the input, no endpoint answers with a server error — bad input is a 4xx."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

EXAMPLES = 3


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI application directly fires request_finished, which would close the
    test's database connection in the middle of its transaction (Django's test client
    disconnects the same handler)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_endpoint_answers_bad_input_with_a_server_error(
    founding, secretariat_user, keep_test_connection
):
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
