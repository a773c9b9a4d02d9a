"""An offer's "done by" date falls after the mentor's answer window, never inside it."""

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from projects.offers.models import Offer
from projects.services.closure import CLOSE_AFTER

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_done_by_inside_the_answer_window_is_refused_with_the_earliest_date(
    send_offer, mentor, drafter
):
    last_day_of_window = datetime.date(2026, 12, 7) + CLOSE_AFTER

    response = send_offer(drafter, mentor, by_when=str(last_day_of_window))

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "offer_invalid"
    assert error["fields"]["by_when"] == [
        "The mentor has up to 14 days to answer, so choose 22 Dec 2026 or later."
    ]
    assert not Offer.objects.exists()


@time_machine.travel(datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_done_by_the_day_after_the_answer_window_is_accepted(send_offer, mentor, drafter):
    first_allowed = datetime.date(2026, 12, 7) + CLOSE_AFTER + datetime.timedelta(days=1)

    response = send_offer(drafter, mentor, by_when=str(first_allowed))

    assert response.status_code == 201, response.content


def test_config_tells_the_form_how_long_the_mentor_has_to_answer():
    config = APIClient().get("/api/v1/config/").json()

    assert config["offer_expiry_days"] == CLOSE_AFTER.days
