"""Reads of portfolio items: the owner's own, and files for whoever may open them."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from accounts.models import PortfolioItem, Skill, User
from marketplace.errors import NotFound


def portfolio_items_for_owner(*, owner: User) -> QuerySet[PortfolioItem]:
    return PortfolioItem.objects.filter(owner=owner).prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("name"))
    )


def portfolio_item_get_for_owner(*, owner: User, item_id: int) -> PortfolioItem:
    item = portfolio_items_for_owner(owner=owner).filter(pk=item_id).first()
    if item is None:
        raise NotFound("No such portfolio item.")
    return item


def portfolio_item_get_for_download(
    *, item_id: int, viewer: User | AnonymousUser | None
) -> PortfolioItem:
    """Public items' files are for anyone; "only with my applications" items for their owner.

    A mentor opens the items attached to an application through the application instead
    (projects.selectors.application_portfolio_item_get), which accounts need not know about.
    """
    item = (
        PortfolioItem.objects.filter(
            pk=item_id, owner__is_active=True, owner__profile__deleted_at__isnull=True
        )
        .exclude(file="")
        .first()
    )
    if item is None:
        raise NotFound("No such file.")
    is_owner = viewer is not None and viewer.is_authenticated and item.owner_id == viewer.pk
    if item.visibility != PortfolioItem.Visibility.PUBLIC and not is_owner:
        raise NotFound("No such file.")
    return item
