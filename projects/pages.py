"""Pages the server must fill itself: a verified experience is shared on social sites, whose
crawlers read its Open Graph tags from the HTML and run no JavaScript."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from marketplace.errors import NotFound
from projects.selectors.profiles import experience_get_public


@require_GET
def experience_page(request: HttpRequest, engagement_id: int) -> HttpResponse:
    try:
        experience = experience_get_public(engagement_id=engagement_id)
    except NotFound as error:
        raise Http404(error.message) from error
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    viewer_is_drafter = profile is not None and profile.handle == experience["drafter"]["handle"]
    drafter = experience["drafter"]["display_name"]
    mentor = experience["mentor"]["display_name"]
    return render(
        request,
        "frontend/experience.html",
        {
            "experience": experience,
            "viewer_is_drafter": viewer_is_drafter,
            "og_title": f"{drafter}: {experience['task_title']}",
            "og_description": f"Verified experience on Slipstream, confirmed by {mentor}."
            + (f" Skills: {', '.join(experience['skills'])}." if experience["skills"] else ""),
            "og_url": f"{settings.SITE_URL}/experience/{engagement_id}/",
        },
    )
