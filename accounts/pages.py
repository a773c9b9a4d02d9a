"""Pages the server fills itself: a profile link shared on a social site shows a preview only
if its Open Graph tags are in the HTML (crawlers run no JavaScript). The rest of the page still
comes from the API (frontend/static/frontend/js/profile.js)."""

from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.views.generic import TemplateView

from accounts.selectors.profiles import (
    person_roles,
    profile_get_for_page,
    profile_handle_current,
)
from accounts.share_text import markdown_preview
from marketplace.errors import NotFound


class PublicProfilePage(TemplateView):
    """/u/<handle>/: the shell with a real title and preview tags; an old handle answers 301
    to the current one; an unknown one 404 (the script then says "not found")."""

    template_name = "frontend/profile.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        handle = kwargs["handle"]
        try:
            profile = profile_get_for_page(handle=handle)
        except NotFound:
            try:
                current = profile_handle_current(old_handle=handle)
            except NotFound:
                return self.render_to_response(self.get_context_data(**kwargs), status=404)
            return HttpResponsePermanentRedirect(
                reverse("frontend:profile", kwargs={"handle": current})
            )
        name = profile.display_name or profile.handle
        path = reverse("frontend:profile", kwargs={"handle": profile.handle})
        avatar = reverse("v1:profile-avatar", kwargs={"handle": profile.handle})
        about = profile.headline or markdown_preview(profile.bio)
        share = {
            "title": name,
            "description": f"{name} on Slipstream" + (f": {about}" if about else "."),
            "url": f"{settings.SITE_URL}{path}",
            "type": "profile",
            "image": f"{settings.SITE_URL}{avatar}" if profile.avatar else "",
        }
        return self.render_to_response(self.get_context_data(share=share, **kwargs))


class DashboardPage(LoginRequiredMixin, TemplateView):
    """/dashboard/ is the drafter's and mentor's page: someone who is only career-office staff
    has nothing there, so every way to it (a "Not now", a "Back to your dashboard") leads them
    to /careers/ instead."""

    template_name = "frontend/dashboard.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        roles = person_roles(user=request.user)  # type: ignore[arg-type]
        if roles["career_staff"] and not (roles["drafter"] or roles["mentor"]):
            return HttpResponseRedirect(reverse("frontend:careers"))
        return super().get(request, *args, **kwargs)
