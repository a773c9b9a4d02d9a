"""Static files. The stylesheet is one file edited by many hands: a lost brace silently disables
every rule after it (it happened once in a merge), so its blocks must balance. In production,
collected page scripts import each other by hashed names and are cached for a year."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import storages
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.functional import empty
from whitenoise.middleware import WhiteNoiseMiddleware

CSS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend" / "css" / "app.css"


def test_stylesheet_blocks_are_balanced():
    depth = 0
    for number, line in enumerate(CSS.read_text().splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        if depth < 0:
            pytest.fail(f"app.css line {number} closes a block that was never opened")
    assert depth == 0, f"app.css leaves {depth} block(s) open at the end"


# --- Hashed page scripts import hashed modules (issue 18 point 5) ------------------------------

HASHED_JS = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})\.js$")
IMPORT = re.compile(
    r"""(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']"""
)
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "marketplace.storage.HashedStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """collectstatic as production runs it, into a temporary STATIC_ROOT."""
    root = tmp_path_factory.mktemp("static")
    # Compression (gzip + brotli of every file) is left out to keep the test quick: it adds
    # copies beside the hashed files and changes no name.
    no_compression = "css js mjs svg map html txt json md png ico gif jpg webp woff woff2 ttf eot"
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=PRODUCTION_STORAGES,
        WHITENOISE_SKIP_COMPRESS_EXTENSIONS=no_compression.split(),
    ):
        storages._storages = {}  # the storage handler caches backends: read the override
        staticfiles_storage._wrapped = empty
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        finally:
            storages._storages = {}
            staticfiles_storage._wrapped = empty
    return root


def test_every_import_in_a_collected_page_script_names_a_hashed_file(collected):
    scripts = [p for p in (collected / "frontend" / "js").iterdir() if HASHED_JS.match(p.name)]
    assert len(scripts) > 20
    imports = 0
    for script in scripts:
        for match in IMPORT.finditer(script.read_text()):
            url = match.group(1) or match.group(2)
            imports += 1
            assert HASHED_JS.match(Path(url).name), f"{script.name} imports {url} unhashed"
            assert (script.parent / url).resolve().is_file(), f"{script.name}: {url} missing"
    assert imports > 50


def test_hashed_files_are_cached_for_a_year_and_plain_names_briefly(collected):
    api_hashed = next(
        p.name
        for p in (collected / "frontend" / "js").iterdir()
        if HASHED_JS.match(p.name) and p.name.startswith("api.")
    )
    with override_settings(
        STATIC_ROOT=collected, STORAGES=PRODUCTION_STORAGES, WHITENOISE_USE_FINDERS=False
    ):
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
        hashed = middleware(RequestFactory().get(f"/static/frontend/js/{api_hashed}"))
        plain = middleware(RequestFactory().get("/static/frontend/js/api.js"))

    assert hashed.status_code == plain.status_code == 200
    assert hashed["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "immutable" not in plain["Cache-Control"]
