"""How career-office staff are named to colleagues and to students: the name the person gave,
never their e-mail address nor the neutral "member-xxxxxx" handle an account starts with (a
handle made that way says nothing about who read a student's data)."""

from accounts.models import User

AUTOMATIC_HANDLE_PREFIX = "member-"


def staff_name(user: User | None, *, institution: str = "") -> str:
    """`user.profile` should be selected with the row (no query per name)."""
    if user is None:
        return (
            f"A former colleague at {institution}'s career office"
            if institution
            else "A former career-office colleague"
        )
    profile = user.profile
    if profile.display_name.strip():
        return profile.display_name.strip()
    if profile.handle and not profile.handle.startswith(AUTOMATIC_HANDLE_PREFIX):
        return profile.handle  # chosen by the person, or made from a name they once gave
    # The site's own wording ("Riverbend University's career office"), never "careers office".
    office = f"{institution}'s career office" if institution else "the career office"
    return f"A colleague at {office} (no name given yet)"


def staff_name_missing(user: User) -> bool:
    """Staff are asked for a display name on their way in (the /careers/ page asks)."""
    return not user.profile.display_name.strip()
