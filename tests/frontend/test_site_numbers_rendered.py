"""Numbers the rules set are in the page from its first paint: no "a small percentage" or "a set
number of days" placeholder waits for /api/v1/config/ (the drafter walk saw it flash)."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@override_settings(PLATFORM_FEE_PERCENT=7.5)
def test_home_page_says_the_fee_and_the_closure_days_itself():
    html = Client().get("/").content.decode()

    assert "the platform fee of <span data-fee-percent>7.5%</span>" in html
    assert 'data-config-value="application_close_days">14</span> days' in html
    assert "a small percentage" not in html
    assert "a set number of" not in html
