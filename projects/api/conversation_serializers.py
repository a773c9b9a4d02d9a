"""Output serializers of conversations: one message, and the inbox's thread list."""

from typing import Literal

from rest_framework import serializers

from projects.api.serializers import PersonFromUserSerializer, PersonSerializer


class ThreadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["application", "engagement", "offer"])
    id = serializers.IntegerField()
    task_title = serializers.CharField()
    other = PersonSerializer()
    last_message_at = serializers.DateTimeField()
    last_message_excerpt = serializers.CharField()
    unread_count = serializers.IntegerField()
    url = serializers.CharField()


class ThreadListSerializer(serializers.Serializer):
    results = ThreadSerializer(many=True)
    unread_total = serializers.IntegerField()


class MessageOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    sender = PersonFromUserSerializer()
    is_mine = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    thread = serializers.SerializerMethodField(
        help_text="Where it was written: offer, application or engagement. An engagement's "
        "messages include those written on its offer and application before it began."
    )

    def get_is_mine(self, message) -> bool:
        return message.sender_id == self.context["viewer"].pk

    def get_thread(self, message) -> Literal["offer", "application", "engagement"]:
        if message.offer_id is not None:
            return "offer"
        return "application" if message.application_id is not None else "engagement"
