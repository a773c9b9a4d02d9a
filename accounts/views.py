"""Plain Django views: file downloads (they answer bytes, not JSON) and allauth's sign-up page
with the role preselected from the link that led there."""

import mimetypes
from typing import Any

from allauth.account.views import SignupView as AllauthSignupView
from django import forms
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from accounts.models import PortfolioItem
from accounts.selectors.portfolio import portfolio_item_get_for_download
from accounts.selectors.profiles import profile_get_for_avatar
from accounts.selectors.staff_invitations import (
    staff_invitation_token_in,
    staff_invitation_vouches_for,
)
from accounts.uploads import DOCUMENT_KINDS, stored_file_name, upload_kind_is_image
from marketplace.errors import NotFound

_CONTENT_TYPES = {kind.name: kind.content_type for kind in DOCUMENT_KINDS}


@require_GET
@cache_control(private=True, max_age=300)
def portfolio_file(request: HttpRequest, item_id: int) -> FileResponse:
    """A portfolio file, if the viewer may see the item. Anything but an image downloads as an
    attachment, and nosniff stops a browser from guessing a more dangerous type."""
    try:
        item = portfolio_item_get_for_download(item_id=item_id, viewer=request.user)
    except NotFound as error:
        raise Http404(error.message) from error
    return portfolio_file_response(item)


def portfolio_file_response(item: PortfolioItem) -> FileResponse:
    """The file of an item the caller has already authorised, served defensively (also used
    for the items attached to an application, which their mentor may open)."""
    return stored_file_response(
        name=stored_file_name(item.file),
        kind_name=item.file_kind,
        filename=item.file_name or f"portfolio-{item.pk}",
    )


def stored_file_response(*, name: str, kind_name: str, filename: str) -> FileResponse:
    """An uploaded file the caller has already authorised (portfolio files, deliverables):
    the content type of its checked kind (never the client's), images inline and everything
    else as an attachment, no sniffing, and a sandbox so nothing in it can run as our page."""
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=_CONTENT_TYPES.get(kind_name, "application/octet-stream"),
        as_attachment=not upload_kind_is_image(kind_name),
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
@cache_control(public=True, max_age=86400)
def profile_avatar(request: HttpRequest, handle: str) -> FileResponse:
    """Avatars are re-encoded WebP (see accounts.services.profiles.avatar_set); the URL carries
    a version."""
    try:
        profile = profile_get_for_avatar(handle=handle)
    except NotFound as error:
        raise Http404(error.message) from error
    response = FileResponse(
        default_storage.open(stored_file_name(profile.avatar), "rb"),
        content_type=mimetypes.types_map.get(".webp", "image/webp"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class SignupView(AllauthSignupView):
    """/accounts/signup/?role=mentor|drafter|career_office ticks that role (the home page and
    /for-career-offices/ link with it)."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        role = self.request.GET.get("role")
        if role in {"drafter", "mentor", "career_office"}:
            initial["roles"] = [role]
        return initial

    def invited_email(self) -> str:
        """The address a colleague's invitation link (`next=/careers/join/<t>/`, `email=` as
        the join page fills it) already proved, or ""."""
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        email = (data.get("email") or "").strip()
        token = staff_invitation_token_in(data.get("next") or self.request.GET.get("next") or "")
        return email if staff_invitation_vouches_for(token=token, email=email) else ""

    def get_form(self, form_class: Any = None) -> Any:
        """Joining by a colleague's invitation makes career-office staff, as the link says:
        no drafter/mentor choice to make, and the roles' hint (about creating an institution)
        does not apply, so the choice is a hidden career-office value."""
        form = super().get_form(form_class)
        if self.invited_email():
            form.fields["roles"].widget = forms.MultipleHiddenInput()
            form.initial["roles"] = ["career_office"]
        return form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """`invited_email`: no confirmation mail goes to that address (the adapter's
        is_email_verified); the page says so while that address is typed."""
        context = super().get_context_data(**kwargs)
        context["invited_email"] = self.invited_email()
        return context
