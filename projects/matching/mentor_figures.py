"""The candidates' mentors' figures that ranking reads: reply times (projects/reply_times.py)
and response rates (projects/response_rates.py), remembered in the process.

Both are cached per mentor for ten minutes already, but a recommendation reads them for a
hundred or more mentors on every request: two cache reads per mentor (two hundred unpickled
entries on the local-memory cache, ~3 ms) for figures that change over weeks. The process keeps
what it read, for as long as one shared cache entry (the *epoch*) stays the same: one cache read
a request when every mentor is known. A cache flush (or the epoch's expiry, EPOCH_SECONDS)
starts over, so the figures are never older than the cache's own entries plus EPOCH_SECONDS.
"""

import uuid
from datetime import datetime

from django.core.cache import cache

from projects.reply_times import mentor_reply_days_cached
from projects.response_rates import ResponseRate, mentor_response_rates_cached

EPOCH_SECONDS = 60
_EPOCH_KEY = "recommendation-mentor-figures:epoch"
_KNOWN_LIMIT = 20_000  # mentors remembered (two small values each), then forgotten at once


class _Known:
    epoch: str = ""
    figures: dict[int, tuple[ResponseRate, float | None]] = {}


def _epoch() -> str:
    """The shared epoch, made by the first process to need one."""
    if (epoch := cache.get(_EPOCH_KEY)) is None:
        cache.add(_EPOCH_KEY, uuid.uuid4().hex, EPOCH_SECONDS)
        epoch = cache.get(_EPOCH_KEY) or ""
    return epoch


def mentor_figures_for_ranking(
    *, mentor_ids: set[int], now: datetime
) -> tuple[dict[int, ResponseRate], dict[int, float]]:
    """(response rates, reply days) of these mentors, as mentor_response_rates_cached and
    mentor_reply_days_cached give them (a mentor without a reply-time figure is left out of
    the second). One cache read when the process knows every mentor; else theirs for the rest."""
    epoch = _epoch()
    if epoch != _Known.epoch or len(_Known.figures) > _KNOWN_LIMIT:
        _Known.epoch, _Known.figures = epoch, {}
    # Without a working cache there is no epoch to share: remember nothing.
    known = _Known.figures if epoch else {}
    if missing := {m for m in mentor_ids if m not in known}:
        rates = mentor_response_rates_cached(mentor_ids=missing, now=now)
        replies = mentor_reply_days_cached(mentor_ids=missing, now=now)
        for mentor_id in missing:
            known[mentor_id] = (rates[mentor_id], replies.get(mentor_id))
    chosen = {mentor_id: known[mentor_id] for mentor_id in mentor_ids}
    return (
        {mentor_id: rate for mentor_id, (rate, _) in chosen.items()},
        {mentor_id: days for mentor_id, (_, days) in chosen.items() if days is not None},
    )
