"""/for-career-offices/ shows the demo institution's real figures, read through the dashboard's
own report, and every page states the hiding rule the code follows: a figure is hidden when
fewer than 5 students share what it counts (an outcome count of 0 among 5 who share outcomes
shows)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from projects.careers.services.summary import careers_summary_rebuild
from tests.careers.conftest import make_office, make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

RULE = "A figure is hidden when fewer than 5 students share what it counts"
SCOPES = ["participation", "evaluations", "stipend_amounts", "outcomes"]


def _riverbend():
    office = make_office("Riverbend University", "riverbend.edu")
    office.institution.slug = "riverbend-university"
    office.institution.save()
    for n in range(6):
        EngagementFactory(drafter=make_student(office, f"Student {n}", scopes=SCOPES))
    careers_summary_rebuild()  # factories write past the services that keep it in step
    cache.clear()
    return office


def _cells(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<th scope="row">([^<]+)</th><td data-value="[^"]*">([^<]+)</td>', html)
    )


def test_the_sample_is_the_demo_institutions_figures_as_its_dashboard_reads_them():
    office = _riverbend()
    totals = office.staff_client().get("/api/v1/careers/reports/summary/").json()["totals"]

    html = Client().get("/for-career-offices/").content.decode()

    funnel = _cells(html)
    assert funnel == {
        "Applied": str(totals["funnel"]["applied"]),
        "Engaged": str(totals["funnel"]["engaged"]),
        "Completed": str(totals["funnel"]["completed"]),
        "Outcome reported": str(totals["funnel"]["outcome"]),
    }
    assert funnel["Engaged"] == "6" and funnel["Outcome reported"] == "0"  # shown though under 5
    assert f"<dt>Students taking part</dt><dd>{totals['students']}</dd>" in html


def test_without_a_demo_institution_the_fixed_sample_follows_the_rule():
    cache.clear()

    html = Client().get("/for-career-offices/").content.decode()

    assert _cells(html) == {
        "Applied": "7",
        "Engaged": "7",
        "Completed": "5",
        "Outcome reported": "4",
    }


def test_the_pages_state_the_rule_the_figures_follow(client):
    office = _riverbend()
    client.force_login(office.admin)

    for html in (
        client.get("/careers/").content.decode(),
        Client().get("/for-career-offices/").content.decode(),
    ):
        assert RULE in html
        assert "Groups of fewer than 5 students are" not in html
