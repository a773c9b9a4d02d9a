"""The showable-work clause of a completed draft: what it may show publicly."""

from datetime import date

from marketplace.errors import Conflict, DomainError
from projects import error_codes as codes
from projects.models import Engagement
from projects.transitions.core import (
    DRAFTER,
    MENTOR,
    Transition,
    _t,
)

E = Engagement.State

# ---------------------------------------------------------------------------------------------
# The showable-work clause (what a completed draft may show publicly). Its actions keep the
# engagement's state and live in their own table, merged into ENGAGEMENT_TRANSITIONS so
# `transition_require` and `allowed_actions` treat them like every other engagement action.
# ---------------------------------------------------------------------------------------------

SHOWABLE_TRANSITIONS: dict[str, Transition] = {
    "showable_propose": _t({E.COMPLETED}, None, {DRAFTER}, "given a new showing proposal"),
    "showable_confirm": _t({E.COMPLETED}, None, {MENTOR}, "given a new showing choice"),
    "case_study_submit": _t({E.COMPLETED}, None, {DRAFTER}, "given a case study"),
    "case_study_approve": _t({E.COMPLETED}, None, {MENTOR}, "given an approved case study"),
    "portfolio_add": _t({E.COMPLETED}, None, {DRAFTER}, "added to a portfolio"),
}


def showable_unavailable(engagement: Engagement, *, today: date) -> dict[str, bool]:
    """Guards beyond state for the clause's actions: a proposal must be waiting to be
    confirmed, a case study exists only under `case_study`, and only work that is public now
    (full, or an approved case study) goes to the portfolio."""
    choice = engagement.showable
    case_study = choice == Engagement.Showable.CASE_STUDY
    return {
        "showable_confirm": not engagement.showable_proposed,
        "case_study_submit": not case_study,
        "case_study_approve": not (
            case_study and engagement.case_study_state == Engagement.CaseStudyState.SUBMITTED
        ),
        "portfolio_add": showable_effective(engagement, today=today) == "private",
    }


def guard_not_in_portfolio(*, added: bool) -> DomainError | None:
    """The same work goes to the drafter's portfolio once."""
    if added:
        return Conflict(
            "This work is already in your portfolio.", code=codes.PORTFOLIO_ALREADY_ADDED
        )
    return None


def showable_effective(engagement: Engagement, *, today: date) -> str:
    """What the public may see today: `full`, `case_study` or `private`. An `after` embargo
    opens by itself on its date; a case study shows only once the mentor approved it."""
    choice = engagement.showable
    if choice == Engagement.Showable.FULL:
        return "full"
    if choice == Engagement.Showable.AFTER:
        opens = engagement.show_after
        return "full" if opens is not None and today >= opens else "private"
    if (
        choice == Engagement.Showable.CASE_STUDY
        and engagement.case_study_state == Engagement.CaseStudyState.APPROVED
    ):
        return "case_study"
    return "private"
