from django.apps import AppConfig
from django.urls import register_converter


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = "Slipstream kernel"

    def ready(self) -> None:
        # Registers the schema extensions (drf-spectacular finds them by subclassing).
        from marketplace import checks  # noqa: F401  (registers the deployment checks)
        from marketplace.api import schema  # noqa: F401
        from marketplace.converters import ObjectIdConverter

        register_converter(ObjectIdConverter, "id")
