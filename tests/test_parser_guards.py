"""Inputs built to stall a parser: refused before parsing, with the reason, and the rest still assessed."""

import re

import pytest
from helpers import not_ingested, reason, run

def test_markdown_nested_absurdly_deep_is_refused_not_parsed_for_minutes(tmp_path):
    ev = run(tmp_path, {"deep.md": b"> " * 100_000 + b"x\n", "lists.md": b"Intro.\r" + b"- > " * 51 + b"x\r",
                        "quoted.md": b"> " * 12 + b"Twelve levels of quoting are read.\n"})
    for name in ("deep.md", "lists.md"):
        assert reason(ev, name) == "Markdown nested more than 50 levels deep (block quotes or lists)"
    assert "Twelve levels of quoting are read." in [p.text for p in ev.passages]


DEEP_HTML = "HTML nested deeper than 1000 elements; save the page's text or a PDF instead"


def test_html_nested_absurdly_deep_is_refused_not_parsed_for_hours(tmp_path):
    deep = {
        "lists.html": "<ul><li>" * 30_000 + "x",  # lexbor alone: about 7 s
        "divs.html": "<div>x</div>" * 2000 + "<div>" * 1001 + "<b>x</b>" + "</div>" * 1001,
        # end tags that close nothing, or that the parser ignores, do not hide the depth
        "stray.html": "<div></x>" * 1001,
        "misnested.html": "<span><div></span></div>" * 1001,  # each </span> is ignored: the spans nest
        "hidden.html": "<div><!-- </div> --><script>'</div>'</script>" * 1001,
    }
    # not deep, but every tag searches a stack 999 deep: megabytes of it would take minutes
    flood = "<svg>" + "<g>" * 999 + "</x>" * 60_000
    ev = run(tmp_path, {name: page.encode() for name, page in deep.items()} | {"flood.html": flood.encode()})
    for name in deep:
        assert reason(ev, name) == DEEP_HTML
    assert re.fullmatch(r"HTML too deeply nested for its size \(99\d elements deep on average over 50,\d{3} tags\); "
                        r"save the page's text or a PDF instead", reason(ev, "flood.html"))
    assert all(not_ingested(ev, name) for name in [*deep, "flood.html"])


def test_html_nested_a_few_hundred_deep_with_the_usual_left_out_end_tags_is_read(tmp_path):
    rows = "".join(f"<tr><td><font size=2>Row {i}<td>cell" for i in range(400))  # cells close the <font>s
    items = "".join(f"<li><p>Item {i}" for i in range(400))  # each <li> closes the last one and its <p>
    svg = "<svg>" + '<path d="M0 0"/>' * 400 + "</svg>"  # "/>" closes an element in SVG
    page = ("<!DOCTYPE html><html><body>" + "<div>" * 300 + "<p>Complaints are reviewed weekly at 300 levels."
            + "<p>Unclosed paragraph." * 400 + f"<table>{rows}</table><ul>{items}</ul>{svg}"
            + "<script>$('<div>'); $('<div>');</script>" * 400 + "</div>" * 300 + "</body></html>")
    ev = run(tmp_path, {"deep-but-real.html": page.encode()})
    texts = [p.text for p in ev.passages]
    assert "Complaints are reviewed weekly at 300 levels." in texts and "Item 399" in texts
    assert not any(s.path.endswith("deep-but-real.html") for s in ev.skipped)


def _lexbor_depth(page: str) -> int:
    """How many elements deep the page's deepest element is below <body>, as lexbor builds it."""
    from selectolax.lexbor import LexborHTMLParser

    deepest, todo = 0, [(LexborHTMLParser(page).body, 0)]
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        todo.extend((child, depth + 1) for child in node.iter())
    return deepest


@pytest.mark.parametrize("nest", [
    lambda n: "<div>" * n + "x",
    lambda n: "<ul><li>" * (n // 2) + "<ul>" * (n % 2) + "x",
    lambda n: "<span><div></span></div>" * (n - 1) + "<span>x",
    lambda n: "<div></x>" * n + "x",
    lambda n: "<svg>" + "<g><path/>" * (n - 2) + "<g>x",
    lambda n: "<svg>" + "<a>" * (n - 1) + "x",  # in SVG an <a> does not close the one before
], ids=["div", "ul-li", "misnested", "stray-end-tags", "svg", "svg-a"])
def test_html_exactly_max_depth_deep_is_read_and_one_level_more_is_refused(nest):
    from maturity.engine.formats import UnreadableDocument
    from maturity.engine.readers.html_guard import MAX_DEPTH
    from maturity.engine.readers.web import read_html

    assert _lexbor_depth(nest(MAX_DEPTH)) == MAX_DEPTH  # the scan counts levels as lexbor nests them
    read_html(nest(MAX_DEPTH).encode())
    with pytest.raises(UnreadableDocument, match="^HTML nested deeper than 1000 elements"):
        read_html(nest(MAX_DEPTH + 1).encode())


REOPENED_HTML = re.compile(r"HTML leaves [\d,]+ formatting elements \(<\w+>(, <\w+>)*(, \.\.\.)?\) unclosed, which "
                           r"browsers and this parser re-open in every later block; save the page's text or a PDF instead")


def test_html_leaving_formatting_elements_for_the_parser_to_reopen_in_every_block_is_refused(tmp_path):
    hundred_attributes = " ".join(f"a{j}" for j in range(100))
    reopened = {
        # 2 levels deep, but lexbor re-opens every <b> so far in each paragraph: 2 million elements, about 1 s
        "bold.html": "".join(f"<p><b id={i}>x</p>" for i in range(2000)),
        "upper.html": "".join(f"<P><B ID={i}>x</P>" for i in range(2000)),
        # 900 tags, but every re-opened <b> copies 100 attributes: 122 KB take lexbor 0.9 s
        "attributes.html": "".join(f"<p><b id={i} {hundred_attributes}>x</p>" for i in range(300)),
        # the same <font> left open in paragraphs on lines of their own: each nests one level deeper
        "fonts.html": '<p><font face="Arial" size="2">Paragraph.</p>\n' * 20_000,
        # an <svg> the parser has left (at the first <li>) does not hide the attributes that tell the <u>s apart
        "svg.html": "<svg><a>" + "".join(f"<li><u id={i}>x" for i in range(3000)),
    }
    fine = "<main><h1>Survey</h1><p>Complaints are answered within two days.</p></main>"
    ev = run(tmp_path, {name: page.encode() for name, page in reopened.items()} | {"fine.html": fine.encode()})
    for name in reopened:
        assert REOPENED_HTML.fullmatch(reason(ev, name)), (name, reason(ev, name))
        assert not_ingested(ev, name)
    assert "(<b>)" in reason(ev, "bold.html") and "(<font>)" in reason(ev, "fonts.html")
    assert "Complaints are answered within two days." in [p.text for p in ev.passages]


def test_html_with_a_few_hundred_ordinary_unclosed_formatting_tags_is_read(tmp_path):
    # cells close their <font>s and <b>s, however many and however different
    rows = "".join(f'<tr><td><font face="Arial" size=2 color="#{i:06x}">Row {i}<td><b id=r{i}>open' for i in range(500))
    # left open in each paragraph: Noah's Ark keeps three identical ones in the list
    notes = "".join(f"<p><b>Note {i}:</b> read <i>in italics\n" for i in range(300))
    # each <a> closes the one left open before it
    sections = "".join(f'<h2><a name="s{i}">Section {i}</h2>\n<p><font size="2">Body {i}.</p>\n' for i in range(300))
    misnested = "<b><i>bold italic</b></i> " * 300
    page = ("<html><body><font face='Verdana'><center><h1>Customer survey archive</h1></center>"
            f"<table>{rows}</table>{notes}{sections}<p>{misnested}</p><p>Complaints are reviewed weekly.</p></body></html>")
    distinct = ("".join(f"<p><b id=f{i}>Finding {i}.</p>\n" for i in range(100))  # a hundred different ones, re-opened
                + "<p>The survey team read the complaint log and wrote down what it found there.</p>\n" * 300)
    ev = run(tmp_path, {"legacy.html": page.encode(), "hundred.html": distinct.encode()})
    texts = [p.text for p in ev.passages]
    assert "Complaints are reviewed weekly." in texts and "Row 499 | open" in texts and "Finding 99." in texts
    assert not any(s.path.endswith(".html") for s in ev.skipped), ev.skipped


def test_html_with_start_tags_of_thousands_of_attributes_is_refused(tmp_path):
    many = lambda n, value="": " ".join(f"a{i}{value}" for i in range(n))  # noqa: E731
    quoted_gt = '=">"'
    refused = {
        "one-tag.html": f"<div {many(20_000)}>x</div>",  # lexbor: 1.5 s
        "many-tags.html": "".join(f"<span {many(500)}>x</span>" for _ in range(2000)),  # 4.8 MB, lexbor: 1.7 s
        "quoted.html": f"<div {many(20_000, quoted_gt)}>x</div>",  # a quoted ">" does not end the tag
    }
    accepted = {
        "wide.html": f"<p {many(1000)}>Complaints are answered within two days.</p>",  # 0.5 million compares
        "sixteen.html": "".join(f"<span {many(16, '=1')}>Row {i}.</span>" for i in range(20_000)),
    }
    ev = run(tmp_path, {name: page.encode() for name, page in (refused | accepted).items()})
    for name in refused:
        assert re.fullmatch(r"HTML has start tags with thousands of attributes \(one has [\d,]+\), which would take "
                            r"the parser minutes; save the page's text or a PDF instead", reason(ev, name)), name
        assert not_ingested(ev, name)
    texts = [p.text for p in ev.passages]
    assert "Complaints are answered within two days." in texts and any(t.startswith("Row 0.") for t in texts)
