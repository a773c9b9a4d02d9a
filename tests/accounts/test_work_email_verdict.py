"""The e-mail page's sentence per address: the rule of accounts.mail_domains, in plain words."""

import pytest
from allauth.account.models import EmailAddress

from accounts.templatetags.work_email import free_mail_domains, work_email_verdict


@pytest.mark.parametrize(
    ("email", "verified", "said"),
    [
        ("rosa@acme-design.com", True, "Counts as a work address: your profile shows “verified "
         "at acme-design.com”."),
        ("rosa@acme-design.com", False, "Counts as a work address: once confirmed, your profile "
         "shows “verified at acme-design.com”."),
        ("rosa@gmail.com", True, "Does not count as a work address: gmail.com is free webmail, "
         "which anyone can open, so it says nothing about where you work."),
        ("rosa@example.org", True, "Does not count as a work address: example.org is reserved "
         "for examples, testing or a local network, not an employer."),
    ],
)  # fmt: skip
def test_each_address_is_told_whether_it_counts_and_why(email, verified, said):
    assert work_email_verdict(EmailAddress(email=email, verified=verified)) == said


def test_the_add_form_hint_knows_the_same_free_webmail_list():
    assert "gmail.com" in free_mail_domains() and "acme-design.com" not in free_mail_domains()
