import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.capacity import services

pytestmark = pytest.mark.django_db


def _grow(world, n):
    for i in range(n):
        activity = services.activity_create(
            actor=world["secretariat"],
            type=world["type"],
            subject=world["finance"],
            titles={"en": f"Activity {i}", "ar": f"نشاط {i}"},
            providers=[world["a"]],
            beneficiaries=[world["b"], world["c"]],
            cycle=world["cycle"],
        )
        activity.status = "delivered"
        activity.save()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/activities/", "/api/v1/subjects/", "/api/v1/cycles/", "/api/v1/activities/report/"],
)
def test_capacity_lists_run_a_bounded_number_of_queries(as_user, world, path):
    client = as_user(world["secretariat"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    _grow(world, 3)
    small = count()
    _grow(world, 20)
    large = count()
    assert large <= small <= 20, (small, large)
