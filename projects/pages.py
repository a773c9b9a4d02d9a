"""Pages the server must fill itself: a verified experience or a task is shared on social
sites, whose crawlers read its Open Graph tags from the HTML and run no JavaScript."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from accounts.share_text import markdown_preview
from marketplace.errors import NotFound
from projects.credentials.selectors.credentials import experience_credential_check
from projects.experience_card import (
    experience_card_inputs,
    experience_card_key,
    experience_card_png,
)
from projects.selectors.profiles import experience_get_public
from projects.selectors.tasks import task_get_for_viewer


class TaskPage(TemplateView):
    """/tasks/<id>/: the shell (task_detail.js fills it from the API) with the task's title and
    preview tags, for the tasks this viewer may see; others get the shell with 404, and the
    script says "not found" as before."""

    template_name = "frontend/task_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        task_id = kwargs["task_id"]
        try:
            task = task_get_for_viewer(task_id=task_id, viewer=request.user)
        except NotFound:
            return self.render_to_response(self.get_context_data(**kwargs), status=404)
        added: Any = task  # task_get_for_viewer adds skill_list
        skills = ", ".join(skill.name for skill in added.skill_list)
        terms = [f"About {task.estimated_hours} h"] if task.estimated_hours else []
        terms.append("Paid" if task.stipend_amount else "Unpaid")
        if skills:
            terms.append(f"Skills: {skills}")
        excerpt = markdown_preview(task.description, chars=180)
        share = {
            "title": task.title,
            "description": " · ".join(terms) + (f". {excerpt}" if excerpt else "."),
            "url": f"{settings.SITE_URL}{reverse('frontend:task', kwargs={'task_id': task.pk})}",
            "type": "article",
            "image": "",
        }
        return self.render_to_response(self.get_context_data(share=share, **kwargs))


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
    # The mentor's endorsed skills are marked on their chips (once feedback is unblinded, as the
    # endorsement itself): which skill they vouched for is the strongest part of the proof.
    endorsed = set((experience["endorsement"] or {}).get("skills", ()))
    skill_chips = [{"name": name, "endorsed": name in endorsed} for name in experience["skills"]]
    return render(
        request,
        "frontend/experience.html",
        {
            "experience": experience,
            "skill_chips": skill_chips,
            "viewer_is_drafter": viewer_is_drafter,
            "og_title": f"{drafter}: {experience['task_title']}",
            "og_description": f"Verified experience on Slipstream, confirmed by {mentor}."
            + (f" Skills: {', '.join(experience['skills'])}." if experience["skills"] else ""),
            "og_url": f"{settings.SITE_URL}/experience/{engagement_id}/",
            # This experience's own card (title as the showable-work clause allows, names, date),
            # at a URL keyed by its content; crawlers need an absolute URL.
            "og_image": _absolute(_card_url(engagement_id, experience)),
            "og_image_alt": f"{experience['task_title']}: drafted by {drafter} for {mentor}. "
            "Verified on Slipstream.",
            # A visitor cannot paste a credential they do not hold: the page checks its own.
            "credential_check": experience_credential_check(engagement_id=engagement_id),
        },
    )


def _card_url(engagement_id: int, experience: dict[str, Any]) -> str:
    key = experience_card_key(experience_card_inputs(experience))
    return reverse("frontend:experience-card", kwargs={"engagement_id": engagement_id, "key": key})


# A card's URL names its content, so a year is safe: a change of title or name is a new URL.
CARD_CACHE_SECONDS = 365 * 24 * 3600


@require_GET
def experience_card_image(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    """/experience/<id>/card-<key>.png: the share image, drawn from the public experience (the
    same the page shows an anonymous visitor, whoever asks). An old key redirects to the
    current card; an experience that is not public is not found."""
    try:
        experience = experience_get_public(engagement_id=engagement_id)
    except NotFound as error:
        raise Http404(error.message) from error
    inputs = experience_card_inputs(experience)
    current = experience_card_key(inputs)
    if key != current:
        return redirect(_card_url(engagement_id, experience))
    cache_key = f"experience-card:{current}"
    png = cache.get(cache_key)
    if png is None:
        png = experience_card_png(inputs)
        cache.set(cache_key, png, timeout=CARD_CACHE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={CARD_CACHE_SECONDS}, immutable"
    return response


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"
