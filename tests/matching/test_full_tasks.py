"""A task whose places are all filled takes no applications, whatever its state says."""

import pytest

from tests.factories import PortfolioItemFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_applying_to_an_open_task_with_every_place_filled_is_refused(client_for, make_drafter):
    drafter = make_drafter()
    task = TaskFactory(slots=2, filled_slots=2)  # the mentor edited slots down to the filled ones
    item = PortfolioItemFactory(owner=drafter)

    response = client_for(drafter).post(
        f"/api/v1/tasks/{task.pk}/applications/",
        {"note": "I can help.", "portfolio_item_ids": [item.pk]},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slots_full"
    assert task.applications.count() == 0
