"""What a student is told of each read of their data."""

from rest_framework import serializers

from projects.careers.api.serializers.documented import documented as _f


class DisclosedBySerializer(serializers.Serializer):
    kind = _f(serializers.CharField(), "api_key or staff.", "api_key")
    name = _f(
        serializers.CharField(), "The key's name or the staff member's.", "Sync job (a1b2c3d4…)"
    )


class DisclosureSerializer(serializers.Serializer):
    id = _f(serializers.IntegerField(), "The log entry's id.", 90)
    at = _f(serializers.DateTimeField(), "When the data was disclosed.", "2026-03-04T12:30:00Z")
    by = DisclosedBySerializer(help_text="Who received it.")
    endpoint = _f(serializers.CharField(), "The request.", "/api/v1/careers/students/")
    # DRF's metaclass moves declared fields off the class; the stub sees Field's own attribute.
    fields = _f(  # type: ignore[assignment]
        serializers.ListField(child=serializers.CharField()),
        "Which kinds of student data.",
        ["name", "skills"],
    )
    student_count = _f(
        serializers.IntegerField(),
        "How many students' data it held (0 for a downloaded summary whose every figure was "
        "hidden: it held none).",
        20,
    )
