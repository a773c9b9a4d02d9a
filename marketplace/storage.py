"""Static files in production: hashed names, compressed copies, and hashed module imports.

Django's manifest storage rewrites `url(...)` in CSS to hashed names, but rewrites JavaScript
module imports only when asked. Without it a page's hashed script (`engagement.3f2a….js`)
imported `./api.js` by its plain name: during a deploy a browser could run a new page script
against an old `api.js`, and `api.js` could not be cached for long. With it, every import names
the hashed file, so every script is immutable and WhiteNoise serves it with a one-year
`Cache-Control: immutable`.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
