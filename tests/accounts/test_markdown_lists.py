from accounts.text import markdown_to_safe_html


def test_a_list_right_after_a_bold_line_is_a_list_not_a_run_on_paragraph():
    html = markdown_to_safe_html("**Done looks like:**\n- a\n- b", document=True)
    assert html == "<p><strong>Done looks like:</strong></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_a_numbered_list_starting_at_one_may_follow_a_paragraph_line():
    html = markdown_to_safe_html("Steps:\n1. fork\n2. fix")
    assert html == "<p>Steps:</p>\n<ol>\n<li>fork</li>\n<li>fix</li>\n</ol>"


def test_a_wrapped_sentence_that_happens_to_start_with_a_number_stays_prose():
    assert markdown_to_safe_html("We shipped release\n2. Then we rested.") == (
        "<p>We shipped release\n2. Then we rested.</p>"
    )


def test_indented_code_that_looks_like_a_list_stays_code():
    html = markdown_to_safe_html("Run:\n\n    make\n    - not a list", document=True)
    assert "<pre><code>make\n- not a list\n</code></pre>" in html
    assert "<li>" not in html


def test_lists_after_prose_still_go_through_the_allow_list():
    html = markdown_to_safe_html("Links:\n- [x](javascript:alert(1))\n- <b>bold</b>")
    assert "<li>" in html
    assert "javascript" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
