"""The dashboard's "What each file holds" is read by career staff, not developers: each file in
plain words (what it is for, one row per what), the draft columns of the first-destination file
explained as older names of the same figures, and the column contract in one last sentence that
points to the API docs."""

import html
import re

import pytest

from tests.careers.conftest import make_office

pytestmark = pytest.mark.django_db


def _what_each_file_holds(client) -> str:
    office = make_office()
    client.force_login(office.admin)
    page = client.get("/careers/").content.decode()
    section = re.search(r"<summary>What each file holds</summary>(.*?)</details>", page, re.S)
    assert section
    return html.unescape(section.group(1))


def test_each_file_is_said_in_plain_words_one_row_per_what(client):
    words = _what_each_file_holds(client)

    assert "then one row per term" in words
    assert "one row per student, with their programme" in words
    assert "one row per student who shares both participation and outcomes" in words
    # No developer wording: the raw cell value and the column rule up front.
    assert 'suppressed "true"' not in words
    assert "columns are only ever added at the end, never removed" not in words


def test_the_draft_columns_are_explained_as_older_names_kept_for_imports(client):
    words = _what_each_file_holds(client)

    assert "they are the older names, kept so existing imports keep working" in words


def test_the_column_contract_is_one_last_sentence_pointing_to_the_api_docs(client):
    words = _what_each_file_holds(client)

    last = re.findall(r"<p[^>]*>(.*?)</p>", words, re.S)[-1]
    assert "new columns are only ever added at the end" in last
    assert 'href="/api/docs/"' in last
