"""A mentor's offer settings: open or closed, a monthly cap, welcome topics, a note."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from accounts.models import Skill, User
from marketplace.errors import NotFound, field_error
from projects.offers import error_codes as codes
from projects.offers.models import OfferSettings

CAP_MIN, CAP_MAX = 1, 10
NOTE_MAX_LENGTH = 500
MAX_TOPICS = 20
SETTINGS_FIELDS = {"is_open", "monthly_cap", "note"}


def offer_settings_update(
    *, mentor: User, data: dict[str, Any], topic_ids: Iterable[int] | None = None
) -> OfferSettings:
    """Change a mentor's settings (created on first change). Closing stops new offers only:
    pending ones still wait for an answer."""
    unknown = set(data) - SETTINGS_FIELDS
    if unknown:
        raise ValueError(f"not offer settings fields: {sorted(unknown)}")
    cap = data.get("monthly_cap")
    if cap is not None and not CAP_MIN <= cap <= CAP_MAX:
        raise field_error(
            f"Choose between {CAP_MIN} and {CAP_MAX} offers a month.",
            code=codes.OFFER_SETTINGS_INVALID,
            field="monthly_cap",
        )
    if len(data.get("note", "")) > NOTE_MAX_LENGTH:
        raise field_error(
            f"Keep the note to {NOTE_MAX_LENGTH} characters.",
            code=codes.OFFER_SETTINGS_INVALID,
            field="note",
        )
    topics = None
    if topic_ids is not None:
        wanted = set(topic_ids)
        if len(wanted) > MAX_TOPICS:
            raise field_error(
                f"Choose at most {MAX_TOPICS} topics.",
                code=codes.OFFER_SETTINGS_INVALID,
                field="topic_ids",
            )
        topics = list(Skill.objects.filter(id__in=wanted))
        if len(topics) != len(wanted):
            # Like a path naming a missing object: 404 (the request itself is well formed).
            message = "One or more of the chosen topics are not in the skill catalogue."
            raise NotFound(
                message, code=codes.OFFER_SETTINGS_INVALID, fields={"topic_ids": [message]}
            )
    with transaction.atomic():
        offer_settings, _ = OfferSettings.objects.get_or_create(mentor=mentor)
        for name, value in data.items():
            setattr(offer_settings, name, value.strip() if name == "note" else value)
        offer_settings.save()
        if topics is not None:
            offer_settings.topics.set(topics)
    return offer_settings
