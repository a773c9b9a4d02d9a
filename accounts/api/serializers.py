from rest_framework import serializers


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    handle = serializers.CharField(source="profile.handle")
    display_name = serializers.CharField(source="profile.display_name")
    headline = serializers.CharField(source="profile.headline")
    bio = serializers.CharField(source="profile.bio")
    wants_to_mentor = serializers.BooleanField(source="profile.wants_to_mentor")
    wants_to_draft = serializers.BooleanField(source="profile.wants_to_draft")


class MeInputSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    headline = serializers.CharField(max_length=160, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    wants_to_mentor = serializers.BooleanField(required=False)
    wants_to_draft = serializers.BooleanField(required=False)
