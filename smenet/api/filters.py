"""Query-parameter parsing shared by list endpoints: bad filters are 400s that name the field."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


def parse_query(serializer_class: type[serializers.Serializer], request: Any) -> dict[str, Any]:
    params = {
        k: v for k, v in request.query_params.items() if k not in {"page", "page_size", "lang"}
    }
    serializer = serializer_class(data=params)
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}


class StrictQuerySerializer(serializers.Serializer):
    """Refuses unknown query parameters instead of silently ignoring a typo."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        from django.utils.translation import gettext as _

        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError(
                {name: [_("Unknown filter.")] for name in sorted(unknown)}
            )
        return attrs


def refuse_fields(data: Any, allowed: set[str]) -> None:
    """For operations that read only some fields (or none): any other field is a 400 naming
    it, rather than silently ignored."""
    from django.utils.translation import gettext as _

    unknown = sorted(set(data or {}) - allowed) if hasattr(data, "keys") else []
    if unknown:
        raise serializers.ValidationError(
            {name: [_("This operation does not take this field.")] for name in unknown}
        )


# A request body with a field the operation does not take is a 400 naming that field, not a
# silent no-op (a misspelt ``titel`` in a PATCH would otherwise answer 200 and change nothing).
# A comment, not a docstring: drf-spectacular would copy a docstring into every subclass's
# schema component.
class StrictInputSerializer(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "keys"):
            refuse_fields(data, set(self.fields))
        return super().to_internal_value(data)
