"""The benchmark still runs: a tiny generated data set, every read beside its floor.

Not a timing test — `make bench` measures. This pins what must not rot: the generator fills
every table deterministically, each read and its floor answer 200 through the whole stack, and
the number of queries a read makes does not grow with the data.
"""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.reads import READS, context, slug
from bench.scale import SIZES, generate, is_generated
from bench.seed_scale import SeedRefused, seed_scale
from projects.models import Application, Engagement, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_bench_urls")]


@pytest.fixture
def _bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": [],  # as bench/settings.py
    }


@pytest.fixture
def tiny(starter_catalogue, monkeypatch):  # the generator draws skills from it
    monkeypatch.setattr("bench.urls.SIZE", "tiny")
    context.cache_clear()
    generate(size="tiny", seed=7, out=io.StringIO())
    yield context("tiny")
    context.cache_clear()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured)


def test_seed_scale_fills_every_table_to_the_tiny_size(tiny):
    spec = SIZES["tiny"]
    assert Task.objects.count() == spec.tasks
    assert User.objects.filter(email__endswith="@scale.bench").count() == spec.users + 1
    assert Application.objects.count() >= spec.applications
    assert Engagement.objects.count() == spec.engagements
    assert is_generated(size="tiny", seed=7)


def test_seed_scale_keeps_the_same_data_set_and_refuses_to_mix_another(tiny):
    tasks = Task.objects.count()

    again = seed_scale(size="tiny", seed=7, out=io.StringIO())
    with pytest.raises(SeedRefused):
        seed_scale(size="tiny", seed=8, out=io.StringIO())

    assert "already present" in again
    assert Task.objects.count() == tasks


# Most queries per request, session and user lookups included; the same at every size (the
# benchmark prints them at small and large). A read that grows per row fails here first.
QUERIES = {
    # The page with its skills in one statement (projects/selectors/browse.py); the count and
    # the mentors' response rates come from the cache after the first request.
    "browse": 3,
    "search": 3,
    "filtered browse": 3,
    "task detail": 3,  # skills and institutions in the page's statement (track record cached)
    # the task, then the page with its attached work and their skills as JSON in one statement
    "mentor's applications": 4,
    "drafter dashboard": 11,  # + feedback, thanks, payouts still waiting; offers waiting
    # + the drafter's evidence, the candidate pools and the shown cards, one statement each
    # (skill rarity and the mentors' figures come from the cache after the first request)
    "recommendations": 5,
    # + removals (one UNION of revoked consents and ended memberships); the tiny office has no
    # student changed since `updated_since`, so its page is empty: no skills, no log
    "careers students": 3,
    "careers summary": 7,  # + majors, stipend consents, skills, the disclosure log
    # + the page's students (stored ids and consent scopes in one statement), ratings,
    # outcomes and the disclosure log (2)
    "careers engagements": 7,
}


def test_every_read_has_a_pinned_query_count():
    assert set(QUERIES) == {read.name for read in READS}


@pytest.mark.parametrize("read", READS, ids=slug)
def test_each_read_and_its_floor_answer_through_the_whole_stack(tiny, read):
    if read.persona == "careers key":
        client = Client(headers={"Authorization": f"Api-Key {tiny['careers key']}"})
    else:
        client = Client()
        client.force_login(tiny[read.persona])
    _queries(client, read.url(tiny))  # the first browse also counts the matches (then cached)
    api_queries = _queries(client, read.url(tiny))
    floor_queries = _queries(client, f"/bench/floor/{slug(read)}/")
    # The floor is one statement after the session and user lookups every request makes (or
    # the API key's lookup).
    assert floor_queries == (2 if read.persona == "careers key" else 3)
    assert api_queries <= QUERIES[read.name]
