"""/ledger/ and /settings/payouts/ speak to their reader: a mentor who does not draft reads about
the stipends they fund, never "for the work you draft"; a drafter keeps the payout wording."""

import pytest

from accounts.services.profiles import profile_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _person(*, drafts: bool, mentors: bool):
    user = UserFactory()
    profile_update(user=user, data={"wants_to_draft": drafts, "wants_to_mentor": mentors})
    return user


def test_a_mentor_who_does_not_draft_reads_about_the_stipends_they_fund(client):
    client.force_login(_person(drafts=False, mentors=True))

    ledger = client.get("/ledger/").content.decode()
    payouts = client.get("/settings/payouts/").content.decode()

    assert "Stipends you fund appear here with their receipt" in ledger
    assert "Drafting for a stipend?" not in ledger
    assert "Stipends you\n    fund appear in your" in payouts
    assert "for the work you draft" not in payouts
    assert "How stipends reach you" not in payouts


@pytest.mark.parametrize("mentors", [False, True])
def test_a_drafter_keeps_the_payout_wording(client, mentors):
    client.force_login(_person(drafts=True, mentors=mentors))

    ledger = client.get("/ledger/").content.decode()
    payouts = client.get("/settings/payouts/").content.decode()

    assert "Drafting for a stipend?" in ledger
    assert "Stipends for the work you draft are paid straight to your bank account" in payouts
    assert "How stipends reach you" in payouts
