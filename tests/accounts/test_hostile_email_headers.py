"""Issue 18 point 6: user text (names, task titles) that reaches an e-mail's subject never loses
the e-mail. A newline made Python's e-mail package refuse the header; NUL, 10,000 characters and
right-to-left marks are no better. Every notification kind is sent with hostile text, and every
e-mail leaves with one sane line as its subject."""

import ast
from pathlib import Path

import pytest
from django.core import mail
from django.test import TestCase

from accounts.email_headers import SUBJECT_MAX_CHARS, header_text
from accounts.models import Profile
from accounts.services.notifications import notification_send
from projects.models import Task
from projects.services.applications import application_accept, application_create
from projects.services.conversations import message_send
from projects.services.engagements import (
    engagement_approve,
    engagement_deliver,
    engagement_request_revision,
)
from projects.services.feedback import feedback_submit, thanks_send
from projects.services.introductions import introduction_create
from tests.factories import TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "Line one\r\nBcc: victim@example.org",
    "Null\x00in the middle",
    "Unicode\u2028line\u2029separators\x85and\x0bvertical\x0ctabs",
    "Right-to-left \u202egnp.exe\u202c and \u200fmarks\u200e and \u2066isolates\u2069",
    "x" * 10_000,
    "\n\n\n",
]


def _assert_sane(subject: str) -> None:
    assert subject.startswith("Slipstream:")
    assert len(subject) <= SUBJECT_MAX_CHARS
    assert subject == subject.strip()
    assert "  " not in subject
    assert all(ch.isprintable() for ch in subject), repr(subject)
    assert not any(ch in subject for ch in "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066")


def _notification_kinds() -> set[str]:
    """Every `kind="..."` passed to notification_send anywhere in the product code (a new kind
    is covered without touching this test)."""
    kinds = set()
    for app in ("accounts", "projects", "marketplace"):
        for path in (ROOT / app).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", "") == "notification_send"
                ):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "kind":
                        continue
                    for value in ast.walk(keyword.value):
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            kinds.add(value.value)
    return kinds


def test_every_notification_kind_is_found():
    # The sweep below is only as good as the scan: it must see the kinds we know exist.
    assert {"application_new", "message", "thanks", "introduction", "staff_alert"} <= (
        _notification_kinds()
    )


@pytest.mark.parametrize("kind", sorted(_notification_kinds()))
@pytest.mark.parametrize("text", HOSTILE, ids=["crlf", "nul", "separators", "bidi", "10k", "blank"])
def test_every_notification_kind_is_emailed_with_hostile_text(kind, text):
    recipient = UserFactory()

    with TestCase.captureOnCommitCallbacks(execute=True):
        notification_send(
            recipient=recipient, kind=kind, title=f"{text} applied to “{text}”", body=text
        )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [recipient.email]
    _assert_sane(mail.outbox[0].subject)
    mail.outbox[0].message()  # builds the MIME message: raises on a bad header


@pytest.mark.parametrize("text", HOSTILE, ids=["crlf", "nul", "separators", "bidi", "10k", "blank"])
def test_a_whole_draft_with_hostile_names_and_titles_sends_every_email(text):
    # A whole draft through the real services, every name and title hostile: each notification
    # on the way (application, acceptance, message, delivery, revision, approval, feedback,
    # thanks, introduction) reaches its recipient's inbox (messages are e-mailed as a digest).
    # Only what a database can hold reaches a stored name or title: PostgreSQL keeps no NUL,
    # and the columns have lengths (the API refuses both before they get here). The notices
    # themselves get the raw text in the test above.
    name = text.replace("\x00", "")[: Profile._meta.get_field("display_name").max_length]
    title = text.replace("\x00", "")[: Task._meta.get_field("title").max_length]
    mentor = UserFactory(finish__display_name=name)
    # Applying needs a name (display_name_required): a blank one stays with the mentor and the
    # introducer, whose notices still carry it.
    drafter = UserFactory(finish__display_name=name if name.strip() else "Dee Drafter")
    introducer = UserFactory(finish__display_name=name)
    task = TaskFactory(mentor=mentor, title=title)
    other_task = TaskFactory(mentor=mentor, title=title)

    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_create(
            task_id=task.pk, drafter=drafter, note="I can help.", work_sample_link="https://e.org/s"
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        engagement = application_accept(application_id=application.pk, mentor=mentor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        message_send(sender=drafter, body="Starting today.", engagement_id=engagement.pk)
    with TestCase.captureOnCommitCallbacks(execute=True):
        engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://e.org/a")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engagement_request_revision(engagement_id=engagement.pk, mentor=mentor, comment="More.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://e.org/b")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engagement_approve(engagement_id=engagement.pk, mentor=mentor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        feedback_submit(engagement_id=engagement.pk, author=mentor, rating=5, text="Great.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        thanks_send(engagement_id=engagement.pk, sender=drafter, body="Thank you.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        introduction_create(
            introducer=introducer,
            task_id=other_task.pk,
            drafter_handle=drafter.profile.handle,
            note="You would be good at this.",
        )

    sent = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(sent) == 9
    for _, subject in sent:
        _assert_sane(subject)
    assert {to for to, _ in sent} == {mentor.email, drafter.email}


def test_header_text_keeps_ordinary_text_as_it_is():
    assert header_text("Slipstream: Ana applied to “Logo for a café”") == (
        "Slipstream: Ana applied to “Logo for a café”"
    )


def test_header_text_makes_one_short_line():
    assert header_text("a\r\nb\x00c\u2028d\t\te\u202ef") == "a b c d ef"
    assert header_text("y" * 500) == "y" * (SUBJECT_MAX_CHARS - 1) + "…"
