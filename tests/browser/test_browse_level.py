"""Browse filters by the level a task needs, and the choice lives in the URL like the other
filters: a bookmarked /tasks/?level=… opens with that filter set; at 1280 and 390 px."""

import re

from playwright.sync_api import expect

from projects.models import Task
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import TaskFactory


def test_browse_filters_by_level_and_the_url_keeps_it(page):
    TaskFactory(title="Your first Airflow DAG", level=Task.Level.BEGINNER_FRIENDLY)
    TaskFactory(title="Design our Airflow platform", level=Task.Level.EXPERIENCED)
    TaskFactory(title="Chart our impact numbers", level=Task.Level.SOME_EXPERIENCE)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + "/tasks/")
    page.get_by_text("3 open tasks").wait_for()

    page.get_by_label("Level needed").select_option("beginner_friendly")
    page.get_by_role("button", name="Show tasks").click()

    page.wait_for_url(re.compile(r"/tasks/\?(.*&)?level=beginner_friendly"))
    page.get_by_text("1 open task", exact=True).wait_for()
    expect(page.get_by_role("link", name="Your first Airflow DAG")).to_be_visible()
    expect(page.get_by_role("link", name="Design our Airflow platform")).to_have_count(0)
    assert_accessible(page)

    # A bookmark of the filtered page opens with the filter chosen, on a phone too.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/tasks/?level=experienced")
    page.get_by_text("1 open task", exact=True).wait_for()
    expect(page.get_by_role("button", name="Filters (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Design our Airflow platform")).to_be_visible()
    expect(page.get_by_label("Level needed", exact=True)).to_have_value("experienced")
    assert_fits_width(page, 390)
    assert_accessible(page)
