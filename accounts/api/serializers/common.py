"""What every accounts endpoint shares: the page query and envelope, and avatar URLs."""

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from accounts.models import Profile
from marketplace.api.inputs import InputSerializer


class PageQuerySerializer(InputSerializer):
    cursor = serializers.CharField(required=False, help_text="From the previous page's links.")
    # As the paginator reads it (marketplace/api/pagination.py): larger values are capped.
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=f"Results per page; larger values are capped at {settings.API_MAX_PAGE_SIZE}.",
    )


_pages: dict[type, type] = {}


def page_of(item_serializer: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The cursor-paginated envelope around `item_serializer`, for the schema."""
    if item_serializer not in _pages:
        name = item_serializer.__name__.replace("OutputSerializer", "").replace("Serializer", "")
        _pages[item_serializer] = type(
            f"{name}PageSerializer",
            (serializers.Serializer,),
            {
                "next": serializers.CharField(allow_null=True),
                "previous": serializers.CharField(allow_null=True),
                "results": item_serializer(many=True),
            },
        )
    return _pages[item_serializer]


def avatar_url(profile: Profile) -> str | None:
    return avatar_url_for(handle=profile.handle, avatar_name=profile.avatar.name or "")


def avatar_url_for(*, handle: str, avatar_name: str) -> str | None:
    """The public avatar URL of a profile, versioned by its stored name (so caches refresh)."""
    if not avatar_name:
        return None
    version = avatar_name.rsplit("/", 1)[-1].split(".", 1)[0][:12]
    return f"{reverse('v1:profile-avatar', kwargs={'handle': handle})}?v={version}"
