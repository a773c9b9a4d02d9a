"""How long feedback stays double-blind: the engagement pages, public profiles and the matching
evidence all reveal it by the same clock. Below projects/selectors and projects/matching, which
both read it and must not import each other (the import contracts)."""

from datetime import timedelta

# Feedback is shown once both people have written, or this long after the engagement completed.
FEEDBACK_BLIND_PERIOD = timedelta(days=14)
