"""/experience/<id>/'s share image: a 1200x630 PNG per experience, drawn only from what an
anonymous visitor may see, at a public URL keyed by its content and cached for a year."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from projects.experience_card import experience_card_inputs
from projects.models import Engagement
from projects.people import display_name
from projects.selectors.profiles import experience_get_public
from tests.factories import EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db

WITHHELD = "Acme merger due-diligence memo"
PUBLIC = "Due-diligence memo for a client"


def _completed(**fields) -> Engagement:
    return EngagementFactory(
        application__task=TaskFactory(title=WITHHELD),
        state=Engagement.State.COMPLETED,
        started_at=timezone.now() - timedelta(days=3),
        completed_at=timezone.now(),
        **fields,
    )


def _og_image(engagement: Engagement, client: Client | None = None) -> str:
    page = (client or Client()).get(f"/experience/{engagement.pk}/").content.decode()
    return re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)


def test_each_experience_has_its_own_card_image():
    first, second = _completed(public_title=PUBLIC), _completed(public_title="Another memo")

    url = _og_image(first)
    response = Client().get(urlsplit(url).path)

    assert url != _og_image(second)
    assert re.search(rf"/experience/{first.pk}/card-[0-9a-f]{{16}}\.png$", url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"] and "public" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_card_shows_the_public_title_names_date_and_verified():
    engagement = _completed(public_title=PUBLIC)

    inputs = experience_card_inputs(experience_get_public(engagement_id=engagement.pk))

    assert inputs["title"] == PUBLIC
    assert inputs["drafter"] == display_name(engagement.drafter)
    assert inputs["mentor"] == display_name(engagement.mentor)
    assert inputs["date"] == engagement.completed_at.strftime("%-d %b %Y")
    assert inputs["verified"] == "Verified on Slipstream"


def test_a_withheld_task_title_never_reaches_the_card_or_its_url():
    engagement = _completed(public_title=PUBLIC)

    inputs = experience_card_inputs(experience_get_public(engagement_id=engagement.pk))
    for viewer in (None, engagement.drafter):  # the owner's page links the same public card
        client = Client()
        if viewer is not None:
            client.force_login(viewer)
        url = _og_image(engagement, client)
        assert "acme" not in url.lower() and "merger" not in url.lower()

    assert not any("Acme" in value or "merger" in value for value in inputs.values())


def test_a_stale_key_redirects_to_the_current_card_and_a_hidden_experience_is_not_found():
    engagement = _completed()
    unfinished = EngagementFactory(state=Engagement.State.ACTIVE)

    stale = Client().get(f"/experience/{engagement.pk}/card-0000000000000000.png")
    hidden = Client().get(f"/experience/{unfinished.pk}/card-0000000000000000.png")

    assert stale.status_code == 302
    assert stale["Location"] == urlsplit(_og_image(engagement)).path
    assert hidden.status_code == 404


def test_a_new_public_title_gives_a_new_card_url():
    engagement = _completed(public_title=PUBLIC)
    before = _og_image(engagement)

    Engagement.objects.filter(pk=engagement.pk).update(public_title="A renamed memo")

    assert _og_image(engagement) != before
