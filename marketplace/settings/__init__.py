"""Slipstream settings: every value comes from the environment (see README "Configuration").

Development and production differ only by environment variables, never by code paths.
`DJANGO_SETTINGS_MODULE=marketplace.settings` names this package; its modules hold one concept
each and are gathered here in order (a later one reads what an earlier one decided):
`core` (secrets, hosts, apps, middleware, templates, language, logging), `data` (database,
cache and sessions, static and uploaded files), `accounts` (allauth and e-mail), `security`,
`api` (DRF and the OpenAPI schema) and `product` (background tasks, Stripe, scheduled jobs,
marketplace rules, credentials).
"""

# isort: off
from marketplace.settings.core import *  # noqa: F403
from marketplace.settings.data import *  # noqa: F403
from marketplace.settings.accounts import *  # noqa: F403
from marketplace.settings.security import *  # noqa: F403
from marketplace.settings.api import *  # noqa: F403
from marketplace.settings.product import *  # noqa: F403
# isort: on
