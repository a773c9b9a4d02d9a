"""How the marketplace names a person in notifications, cards and profiles."""

from accounts.models import User


def display_name(user: User) -> str:
    """The name people chose to show, else their handle (never their e-mail address)."""
    profile = getattr(user, "profile", None)
    return (profile.display_name or profile.handle) if profile else "Someone"
