"""How long feedback stays double-blind: the engagement pages, public profiles and the matching
evidence all reveal it by the same clock. Below projects/selectors and projects/matching, which
both read it and must not import each other (the import contracts)."""

from datetime import timedelta

# Feedback is shown once both people have written, or this long after the engagement completed.
FEEDBACK_BLIND_PERIOD = timedelta(days=14)


def approval_notice_body(*, feedback_given: bool, thanks_given: bool) -> str:
    """The drafter's "your work was approved" notice, true for what they have done since: it is
    rewritten when they leave feedback or thanks, so it never asks for something already done."""
    shown = "It now shows as verified experience on your profile."
    if feedback_given and thanks_given:
        return f"{shown} You left feedback and thanks — thank you."
    if feedback_given:
        return f"{shown} You left feedback; you can still send a thank-you note."
    if thanks_given:
        return f"{shown} You sent thanks; leave feedback too."
    return f"{shown} Leave feedback and thanks."


# The other side's "they left feedback" notice, once the recipient has written theirs too.
FEEDBACK_BOTH_WRITTEN = "You have both written feedback, so you can read theirs now."
