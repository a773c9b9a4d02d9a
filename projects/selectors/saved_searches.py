"""A person's saved searches."""

from accounts.models import User
from projects.models import SavedSearch


def saved_search_list_for_user(*, user: User) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user).order_by("-id"))
