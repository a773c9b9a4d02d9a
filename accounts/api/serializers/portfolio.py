"""Portfolio items: output, the item form and the reorder input."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.fields import HttpUrlField, UploadField
from accounts.api.serializers.skills import SkillSerializer
from accounts.models import PortfolioItem
from accounts.uploads import DOCUMENT_KINDS, MAX_UPLOAD_BYTES, upload_kind_is_image
from marketplace.api.fields import ObjectIdField
from marketplace.api.inputs import LINK_OR_FILE, CrossFieldRules, InputSerializer, UniqueListField
from marketplace.api.limits import page_form


class PortfolioFileSerializer(serializers.Serializer):
    url = serializers.CharField()
    kind = serializers.CharField()
    size = serializers.IntegerField()
    name = serializers.CharField()
    is_image = serializers.BooleanField()


class PortfolioItemOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    link = serializers.CharField()
    visibility = serializers.ChoiceField(choices=PortfolioItem.Visibility.choices)
    position = serializers.IntegerField()
    skills = SkillSerializer(many=True, source="skills.all")
    file = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(PortfolioFileSerializer(allow_null=True))
    def get_file(self, item: PortfolioItem) -> dict | None:
        if not item.file:
            return None
        return {
            "url": reverse("v1:portfolio-file", kwargs={"item_id": item.pk}),
            "kind": item.file_kind,
            "size": item.file_size,
            "name": item.file_name,
            "is_image": upload_kind_is_image(item.file_kind),
        }


@page_form("portfolio_item")
class PortfolioItemInputSerializer(CrossFieldRules, InputSerializer):
    # Something people can see: a link or a file (`portfolio_link_or_file_required`).
    schema_any_of = [LINK_OR_FILE]
    title = serializers.CharField(max_length=160)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    link = HttpUrlField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=PortfolioItem.Visibility.choices, required=False)
    skill_ids = serializers.ListField(child=ObjectIdField(), max_length=10, required=False)
    file = UploadField(kinds=DOCUMENT_KINDS, max_bytes=MAX_UPLOAD_BYTES, required=False)
    remove_file = serializers.BooleanField(required=False, default=False)


class PortfolioReorderInputSerializer(InputSerializer):
    item_ids = UniqueListField(
        child=ObjectIdField(),
        max_length=100,
        duplicate=("List each item once.", "portfolio_reorder_mismatch"),
    )
