"""The stipend terms both sides are promised (docs/architecture.md, "The money flow")."""

from datetime import timedelta

# An acceptance lapses when the mentor has not funded the stipend within this window.
FUNDING_WINDOW = timedelta(days=7)
# Delivered work the mentor does not answer is approved, and paid, after this long.
AUTO_RELEASE_AFTER = timedelta(days=14)
