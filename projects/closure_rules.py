"""The closure guarantee's clock: an application unanswered this long is closed for the drafter.
A rule module (no models, no services), so the page shells can quote it without reading data."""

from datetime import timedelta

CLOSE_AFTER = timedelta(days=14)
