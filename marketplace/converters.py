"""URL converters shared by every app's URLs (registered in MarketplaceConfig.ready)."""


class ObjectIdConverter:
    """A primary key: at most 18 digits, so an absurd number is a 404, not a database overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
