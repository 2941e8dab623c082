from newsdesk.core.blocks import RICH_TEXT_FEATURES
from newsdesk.core.richtext import clean


def test_the_stored_format_survives():
    markup = (
        '<p data-block-key="a1">A <b>bold</b> <i>claim</i> with a '
        '<a linktype="page" id="12">story link</a> and <a href="https://example.org">a site</a>'
        '<sup>1</sup></p><ul><li data-block-key="b2">one</li></ul>'
    )
    assert clean(markup, RICH_TEXT_FEATURES) == markup


def test_scripts_handlers_and_styles_are_removed():
    cleaned = clean(
        '<p onclick="x()" style="color:red">Hi<script>alert(1)</script>'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">link</a></p>',
        RICH_TEXT_FEATURES,
    )
    assert cleaned == "<p>Hi<a>link</a></p>"


def test_features_not_enabled_are_dropped_but_their_text_kept():
    assert clean("<p><b>Bold</b> and <sup>1</sup></p>", ["italic"]) == "<p>Bold and 1</p>"
