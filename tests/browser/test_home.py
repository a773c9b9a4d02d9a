from tests.browser.conftest import assert_accessible, assert_fits_width


def test_home_page_explains_slipstream_and_passes_axe(page):
    page.goto(page.base + "/")
    assert page.title() == "Career drafting · Slipstream"
    assert "Help a professional" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Start drafting").is_visible()
    assert page.get_by_role("link", name="Log in").is_visible()
    assert_accessible(page)
    assert_fits_width(page, 375)
    assert_accessible(page)


def test_skip_link_moves_focus_to_main_content(page):
    page.goto(page.base + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


def test_unknown_page_is_a_friendly_404(page):
    response = page.goto(page.base + "/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert_accessible(page)
