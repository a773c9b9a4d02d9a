"""The e-mail a mentor gets for a new offer is a letter like the confirmation e-mail: a greeting
by name, the offer's summary and an "Open the offer" button, with a plain-text part and a
header-safe subject."""

from django.conf import settings
from django.core import mail

from accounts.services.profiles import profile_update


def test_a_new_offer_emails_the_mentor_a_greeting_the_summary_and_a_button(
    mentor, drafter, send_offer, django_capture_on_commit_callbacks
):
    profile_update(user=mentor, data={"display_name": "Elena Park"})
    with django_capture_on_commit_callbacks(execute=True):
        offer_id = send_offer(drafter, mentor).json()["id"]

    [letter] = [m for m in mail.outbox if m.to == [mentor.email]]
    assert letter.subject == (
        "Slipstream: Sam Drafter offers to help: “Tidy your interview notes into a findings table”"
    )
    assert letter.body.startswith("Hello Elena,")
    assert "I will turn the twelve interview notes" in letter.body
    url = f"{settings.SITE_URL}/offers/{offer_id}/"
    assert f"Open the offer: {url}" in letter.body
    html, mime = letter.alternatives[0]
    assert mime == "text/html"
    assert "<p>Hello Elena,</p>" in html
    assert f'<a href="{url}"' in html and ">Open the offer</a>" in html
    assert "About 4 hours" in html


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(
    mentor, drafter, send_offer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_offer(drafter, mentor, title="Tidy the notes\r\nBcc: someone@example.org")

    [letter] = [m for m in mail.outbox if m.to == [mentor.email]]
    assert "\n" not in letter.subject and "\r" not in letter.subject
    assert letter.message()["Bcc"] is None
