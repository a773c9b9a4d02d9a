"""First use (issue 22): drafters choose to be found, handles read like names and keep their
links, mentors show a verified work domain, and shared pages carry their own title and
preview tags."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import HandleRedirect, Profile, User
from accounts.services.profiles import profile_ensure
from accounts.services.work_email import profile_work_domain_refresh
from tests.factories import SkillFactory, TaskFactory, UserFactory, UserSkillFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _new_member(email: str, handle: str):
    """An account as sign-up leaves it: a neutral handle, no name yet."""
    user = UserFactory(email=email)
    Profile.objects.filter(user=user).update(handle=handle, display_name="")
    user.profile.refresh_from_db()
    return user


# --- 1. Let mentors find me -------------------------------------------------------------------


def test_a_drafter_who_says_yes_in_the_wizard_is_among_a_mentors_recommended_drafters():
    python = SkillFactory(name="Python")
    task = TaskFactory(title="Tidy a pandas notebook", skills=[python])
    drafter = UserFactory()
    UserSkillFactory(user=drafter, skill=python, level="expert")
    mentor = _client(task.mentor)
    url = f"/api/v1/tasks/{task.pk}/recommended-drafters/"
    assert mentor.get(url).json() == []  # off until the drafter says yes

    # The wizard's last step sends the answer (yes is preselected) with the end of onboarding.
    response = _client(drafter).patch(
        "/api/v1/me/", {"discoverable": True, "onboarding_completed": True}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["discoverable"] is True
    assert [row["handle"] for row in mentor.get(url).json()] == [drafter.profile.handle]


def test_discoverable_is_a_profile_setting_and_can_be_turned_off_again(auth_client, user):
    auth_client.patch("/api/v1/me/", {"discoverable": True}, format="json")
    assert auth_client.get("/api/v1/me/").json()["discoverable"] is True
    auth_client.patch("/api/v1/me/", {"discoverable": False}, format="json")
    assert Profile.objects.get(user=user).discoverable is False


# --- 3. Handles made from names, chosen once, old ones redirect --------------------------------


def test_giving_a_display_name_replaces_the_neutral_handle_and_the_old_one_redirects():
    first = _new_member("a@example.org", "member-c73f8e")
    second = _new_member("b@example.org", "member-0a1b2c")

    body = _client(first).patch("/api/v1/me/", {"display_name": "Ada Lovelace"}).json()
    again = _client(second).patch("/api/v1/me/", {"display_name": "Ada Lovelace"}).json()

    assert body["handle"] == "ada-lovelace"
    assert again["handle"] == "ada-lovelace-2"  # a short suffix only on a collision
    page = Client().get("/u/member-c73f8e/")
    assert page.status_code == 301
    assert page["Location"] == "/u/ada-lovelace/"


def test_a_handle_can_be_chosen_once_and_every_old_handle_keeps_redirecting(auth_client, user):
    auth_client.patch("/api/v1/me/", {"display_name": "Grace Hopper"})
    old = Profile.objects.get(user=user).handle

    chosen = auth_client.patch("/api/v1/me/", {"handle": "grace"})
    assert chosen.status_code == 200 and chosen.json()["handle"] == "grace"
    assert chosen.json()["handle_changeable"] is False

    again = auth_client.patch("/api/v1/me/", {"handle": "admiral-grace"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "handle_change_used"
    assert Profile.objects.get(user=user).handle == "grace"
    # The name no longer renames a chosen handle.
    auth_client.patch("/api/v1/me/", {"display_name": "Grace B. Hopper"})
    assert Profile.objects.get(user=user).handle == "grace"

    api = APIClient().get(f"/api/v1/profiles/{old}/")
    assert api.status_code == 301
    assert api["Location"] == "/api/v1/profiles/grace/"
    assert APIClient().get(api["Location"]).json()["display_name"] == "Grace B. Hopper"
    assert Client().get(f"/u/{old}/")["Location"] == "/u/grace/"


def test_an_old_handle_is_never_given_to_someone_else():
    owner = UserFactory(finish__display_name="Lin Chen")
    old = owner.profile.handle
    _client(owner).patch("/api/v1/me/", {"handle": "lin"})

    taken = _client(UserFactory()).patch("/api/v1/me/", {"handle": old})
    assert taken.status_code == 400
    assert taken.json()["error"]["code"] == "handle_taken"
    # New accounts named alike get a suffix rather than the redirecting handle.
    newcomer = User.objects.create_user(email="another-lin@example.org", password=None)
    assert profile_ensure(user=newcomer, display_name="Lin Chen").handle != old


def test_an_unknown_handle_is_a_404_on_the_page_and_the_api():
    assert APIClient().get("/api/v1/profiles/nobody-here/").status_code == 404
    page = Client().get("/u/nobody-here/")
    assert page.status_code == 404
    assert b'name="robots" content="noindex"' in page.content


def test_deleting_the_account_ends_its_redirects(auth_client, user):
    auth_client.patch("/api/v1/me/", {"display_name": "Temp Person"})
    old = Profile.objects.get(user=user).handle
    auth_client.patch("/api/v1/me/", {"handle": "temp-new"})
    auth_client.post("/api/v1/me/delete/", {"password": "correct-horse-battery-staple"})
    assert not HandleRedirect.objects.exists()
    assert Client().get(f"/u/{old}/").status_code == 404


# --- 3. Titles and preview tags, rendered by the server ------------------------------------------


def _meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    assert match, f"no {key} in the page"
    return match.group(1)


def test_a_task_page_has_its_title_preview_tags_and_canonical_url_all_escaped(settings):
    settings.SITE_URL = "https://slipstream.example"
    task = TaskFactory(
        title='Chart <script>alert("x")</script> & more',
        description="Make **three** charts from a <b>survey</b>.",
        skills=[SkillFactory(name="Data visualisation")],
    )

    html = Client().get(f"/tasks/{task.pk}/").content.decode()

    escaped = "Chart &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"
    assert f"<title>{escaped} · Slipstream</title>" in html
    assert "<script>alert" not in html
    assert (
        _meta(html, "og:title")
        == "Chart &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"
    )
    description = _meta(html, "og:description")
    assert "Skills: Data visualisation" in description
    assert "Make three charts from a &lt;b&gt;survey&lt;/b&gt;." in description
    assert _meta(html, "twitter:card") == "summary"
    url = f"https://slipstream.example/tasks/{task.pk}/"
    assert _meta(html, "og:url") == url
    assert f'<link rel="canonical" href="{url}">' in html


def test_a_task_the_viewer_may_not_see_shows_no_title_or_preview():
    task = TaskFactory(title="Secret draft", state="draft", published_at=None)
    page = Client().get(f"/tasks/{task.pk}/")
    assert page.status_code == 404
    assert b"Secret draft" not in page.content
    assert b"og:title" not in page.content


def test_a_profile_page_has_the_persons_name_as_title_and_preview_tags(settings):
    settings.SITE_URL = "https://slipstream.example"
    person = UserFactory(finish__display_name="Ada <Lovelace>")
    Profile.objects.filter(user=person).update(headline="Analyst & writer")
    handle = person.profile.handle

    html = Client().get(f"/u/{handle}/").content.decode()

    assert "<title>Ada &lt;Lovelace&gt; · Slipstream</title>" in html
    assert (
        _meta(html, "og:description") == "Ada &lt;Lovelace&gt; on Slipstream: Analyst &amp; writer"
    )
    assert _meta(html, "og:url") == f"https://slipstream.example/u/{handle}/"
    assert _meta(html, "og:type") == "profile"
    assert "example.org" not in html  # never the e-mail address


# --- 2. A mentor's verified work domain ----------------------------------------------------------


def _confirm(user, email: str) -> None:
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=False)
    profile_work_domain_refresh(user=user)


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("ada@acme.com", "acme.com"),
        ("ada@gmail.com", ""),
        ("ada@Outlook.com", ""),
        ("ada@laptop.local", ""),  # mDNS, a machine on the network: never an employer
    ],
)
def test_a_mentors_confirmed_work_domain_shows_on_the_profile_and_the_task(email, shown):
    task = TaskFactory()
    mentor = task.mentor
    Profile.objects.filter(user=mentor).update(wants_to_mentor=True)
    _confirm(mentor, email)

    profile = APIClient().get(f"/api/v1/profiles/{mentor.profile.handle}/").json()
    detail = APIClient().get(f"/api/v1/tasks/{task.pk}/").json()
    cards = APIClient().get("/api/v1/tasks/").json()["results"]

    assert profile["verified_work_domain"] == shown
    assert "ada@" not in str(profile) and "ada@" not in str(detail)  # the domain only
    assert detail["mentor_card"]["verified_work_domain"] == shown
    assert cards[0]["mentor_verified_work_domain"] == shown


def test_an_unconfirmed_work_address_does_not_count_and_removing_it_clears_the_domain(user):
    EmailAddress.objects.create(user=user, email="me@acme.com", verified=False)
    assert profile_work_domain_refresh(user=user) == ""
    EmailAddress.objects.filter(email="me@acme.com").update(verified=True)
    assert profile_work_domain_refresh(user=user) == "acme.com"
    EmailAddress.objects.filter(email="me@acme.com").delete()
    assert profile_work_domain_refresh(user=user) == ""
    assert Profile.objects.get(user=user).verified_work_domain == ""


def test_confirming_a_second_address_through_allauth_sets_the_domain(client, user):
    client.force_login(user)
    client.post("/accounts/email/", {"action_add": "", "email": "ada@acme.com"})
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body).group(0)
    client.get(link)  # one click
    assert Profile.objects.get(user=user).verified_work_domain == "acme.com"


def test_a_drafters_work_domain_is_not_shown_publicly(user):
    _confirm(user, "lin@employer.co.uk")
    body = APIClient().get(f"/api/v1/profiles/{user.profile.handle}/").json()
    assert body["verified_work_domain"] == ""
    assert _client(user).get("/api/v1/me/").json()["verified_work_domain"] == "employer.co.uk"


def test_the_wizard_asks_mentors_for_linkedin_and_refuses_other_sites(auth_client):
    ok = auth_client.patch(
        "/api/v1/me/",
        {"organisation": "Acme", "job_title": "Head of Research",
         "linkedin_url": "https://www.linkedin.com/in/ada"},
    )  # fmt: skip
    assert ok.status_code == 200 and ok.json()["linkedin_url"] == "https://www.linkedin.com/in/ada"
    bad = auth_client.patch("/api/v1/me/", {"linkedin_url": "https://evil.example/in/ada"})
    assert bad.status_code == 400
    assert "linkedin" in str(bad.json()["error"]["fields"]["linkedin_url"]).lower()


def test_a_name_never_makes_a_handle_that_account_deletion_uses():
    user = _new_member("d@example.org", "member-d00d00")
    body = _client(user).patch("/api/v1/me/", {"display_name": f"Deleted {user.pk}"}).json()
    assert body["handle"] == f"deleted-{user.pk}-member"
