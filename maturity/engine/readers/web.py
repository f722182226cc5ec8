"""HTML through selectolax (lexbor): the visible text of the page, one passage per block element.

Scripts, styles, navigation, page headers and footers, asides, forms and hidden elements are
dropped. Headings, paragraphs, list items, table rows (cells joined by " | ") and other blocks
become passages, with the heading path above them as their section. Lines are the source lines
where each block's text starts and ends, found by searching the source forward. A page nested
too deeply for lexbor to parse in reasonable time is refused before it is parsed (MAX_DEPTH).
"""

from __future__ import annotations

import bisect
import re

from maturity.engine.formats import Block, Parsed, UnreadableDocument
from maturity.engine.readers.text import decode

DROP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
        "button", "select", "textarea", "svg", "iframe", "object", "canvas", "dialog"}
BLOCKS = {"address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
          "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "ul"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# lexbor builds the tree in time that grows with the square of the nesting depth (each block
# element looks down the stack of open elements: "<ul><li>" repeated 8,000 times takes 0.5 s,
# 30,000 times 7 s) and has no depth limit, so a hostile 20 MB page could stall an ingest for
# hours. Browsers stop nesting at 512; real pages stay far below: 10-25 levels on the Rust and
# Node.js manuals (1.5-8.4 MB), a few hundred at most in nested layout tables. 1,000 levels of
# the slowest shape found (<b> elements with distinct attributes, each compared with all the
# others) parse in about 10 ms. Depth alone does not bound the cost: 999 levels, then megabytes of
# tags that each make lexbor search the whole stack ("</x>" inside <svg>), take about 1 s a MB.
# So the depth summed over the tags is capped too: real pages come to 0.1-0.35 million a MB,
# and at MAX_WORK the slowest such page found (<b> 999 deep, closed and reopened) parses in
# 0.3 s. Measured with selectolax 1.0.2 on this machine.
MAX_DEPTH = 1000
MAX_WORK = 50_000_000  # about 7 times a 20 MB page of the Rust Reference


def read_html(raw: bytes) -> Parsed:
    from selectolax.lexbor import LexborHTMLParser

    source, encoding = _decode(raw)
    too_deep = _too_deep(source)
    if too_deep:
        raise UnreadableDocument(too_deep)
    tree = LexborHTMLParser(source)
    root = tree.body or tree.root
    if root is None:
        raise UnreadableDocument("no HTML body found")
    texts = _blocks(root)
    lines = _Lines(source)
    blocks = [Block(text, *lines.span(text), section=section) for text, section in texts]
    return Parsed("html", blocks, encoding=None if encoding in ("utf-8", "ascii") else encoding)


def _decode(raw: bytes) -> tuple[str, str]:
    match = _META_CHARSET.search(raw[:4096])
    if match and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii", "replace").lower()
        if declared not in ("utf-8", "utf8"):
            try:
                return raw.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(raw)


# _too_deep measures the depth with one regex over the tags and a stack of element names, before
# lexbor sees the page. Counting start tags against end tags would be simpler, but it is fooled
# both ways: end tags that close nothing ("</x>" after each "<div>", or "</span>" across an open
# "<div>", which the parser ignores) hide any depth, and the end tags real pages leave out (<p>,
# <li>, cells, a <font> closed by its cell's "</td>") add up to thousands of levels that are not
# there. So the stack follows the parser's rules that decide the depth, and nothing else: an end
# tag pops back to its element, unless that element is not open, or the tag is an inline one
# (</span>, </b>) and a block (<div>) was opened after it; a block closes an open <p>; <li>,
# <dd>/<dt>, cells, rows, <option> and <a> close their open sibling; void elements, comments and
# the text of <script>, <style>, <textarea>, <title> are skipped; "/>" closes an element only in
# SVG or MathML. On the manuals above it counts what lexbor builds. Its blind spots make it count
# fewer levels than lexbor (it errs on accepting): nesting through tables, <object> or SVG
# <foreignObject> (cheap for lexbor: its searches stop there), markup hidden in attribute values
# or in a comment that a script's text opens, and formatting elements lexbor re-opens after a
# block closed them ("<p><b id=1>x</p><p><b id=2>x</p>..." nests every <b> so far). It counts more
# only for markup no page has at scale: tags inside <select>, an HTML tag that ends an SVG, an
# inline end tag more than 64 elements below the top of the stack.
_BLOCK_TAGS = frozenset(  # the HTML standard's "special" elements: an inline end tag's search stops at one
    "address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup "
    "dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head "
    "header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes "
    "noscript object ol p param plaintext pre script search section select source style summary table tbody td "
    "template textarea tfoot th thead title tr track ul wbr xmp mi mo mn ms mtext annotation-xml foreignobject "
    "desc".split())
_INLINE_TAGS = ("a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr option optgroup q s "
                "samp small span strike strong sub sup time tt u var svg math g path rect circle text tspan").split()
_SKIP, _RAW, _CLOSES_P, _IN_TABLE, _SIBLING = 1, 2, 4, 8, 16
_KIND = dict.fromkeys([*_BLOCK_TAGS, *_INLINE_TAGS], 0)  # known (lowercase) names: what their start tag does
for _names, _flag in (
        ("area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr "
         "html head body", _SKIP),  # void, or never nested (a second <body> is merged into the first)
        ("script style textarea title xmp iframe noembed noframes plaintext", _RAW),
        ("address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
         "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing table li dd dt",
         _CLOSES_P),
        ("caption colgroup tbody thead tfoot tr td th", _IN_TABLE),  # ignored outside a table
        ("li dd dt td th tr tbody thead tfoot a nobr button option optgroup", _SIBLING)):
    for _name in _names.split():
        _KIND[_name] = _KIND.get(_name, 0) | _flag
_ENDS = {"/" + name: name for name in _KIND} | {"/": ""}  # end tag: element name
_LIST_STOPS = _BLOCK_TAGS - {"address", "div", "p"}
_SIBLINGS = {  # start tag: (the open elements it closes, the elements that end the search first)
    "li": (("li",), _LIST_STOPS), "dd": (("dd", "dt"), _LIST_STOPS), "dt": (("dd", "dt"), _LIST_STOPS),
    "td": (("td", "th"), ("table",)), "th": (("td", "th"), ("table",)), "tr": (("tr",), ("table",)),
    "tbody": (("tbody", "thead", "tfoot"), ("table",)), "thead": (("tbody", "thead", "tfoot"), ("table",)),
    "tfoot": (("tbody", "thead", "tfoot"), ("table",)), "button": (("button",), ()),
    "a": (("a",), _BLOCK_TAGS), "nobr": (("nobr",), _BLOCK_TAGS),
    "option": (("option",), _BLOCK_TAGS), "optgroup": (("optgroup", "option"), _BLOCK_TAGS),
}
_SEARCH = 64  # inline end tags and sibling closes look this far down the stack, then close nothing
# Matches "<name" and "</name" (the name is the group), "</>" where "/>" ended a tag (see
# _too_deep), and, as empty matches, comments and elements that hold only text ("<a href=...>
# text</a>"): these leave the stack as it was, and skipping them in the regex saves half the
# Python work on inline-heavy pages. It costs a level either way: such an element is not counted
# as one, and a <p> of them does not close an open <p>.
_LEAVES = ("a abbr b button cite code dd del div dt em font h1 h2 h3 h4 h5 h6 i ins kbd label li mark option p q s "
           "small span strong sub sup td text th time title tspan u var")
_TAG = re.compile(r"<(?:!--.*?(?:-->|\Z)|"
                  + "".join(rf"{name}(?=[\t\n\f\r >])[^>]*>[^<]*</{name}>|" for name in _LEAVES.split())
                  + r"(/?[a-zA-Z][^\t\n\f\r />]*|/(?=>)))", re.DOTALL)


def _too_deep(source: str) -> str | None:
    """Why lexbor would take too long over this page's nesting, or None. 10-25 ms a MB of tag-dense HTML."""
    if source.count("<") <= MAX_DEPTH:
        return None
    if any(opening in source for opening in ("<svg", "<math", "<SVG", "<MATH")):  # mark where "/>" ends a tag
        source = source.replace("/>", "></>")
    stack = [""]  # element names, above a sentinel
    open_ = dict.fromkeys(_KIND, 0)  # how many of each are on the stack
    kinds, ends, blocks, limit = _KIND.get, _ENDS.get, _BLOCK_TAGS, MAX_DEPTH + 1
    raw = None  # in <script> and the like: the end tag that ends its text
    pushed = False  # the previous tag went on the stack
    work = 0  # the depth summed over the tags: what lexbor's searches of the stack cost at most
    for seen, tag in enumerate(_TAG.findall(source), 1):
        if raw is not None:
            if tag == raw or tag.lower() == raw:
                raw = None
            continue
        work += len(stack)
        if work > MAX_WORK:
            return (f"HTML too deeply nested for its size ({work // seen} elements deep on average over {seen:,} "
                    f"tags); save the page's text or a PDF instead")
        kind = kinds(tag)
        if kind is None:  # not a known lowercase start tag
            if not tag:  # a comment or a leaf
                continue
            name = ends(tag)
            if name is None:
                tag = tag.lower()
                kind = kinds(tag)
                name = ends(tag, tag[1:]) if kind is None and tag[0] == "/" else None
            if name is not None:  # an end tag
                if name == stack[-1] and name:
                    open_[stack.pop()] -= 1
                elif not name:  # "/>"
                    if pushed and (open_["svg"] or open_["math"]):
                        open_[stack.pop()] -= 1
                elif open_.get(name):  # a block's end tag closes what is open inside it; an inline one stops at a block
                    if name in blocks:
                        _pop_to(stack, open_, (name,), (), len(stack))
                    else:
                        _pop_to(stack, open_, (name,), blocks, _SEARCH)
                pushed = False
                continue
        if kind:
            pushed = False
            if kind & _SKIP or (kind & _IN_TABLE and not open_["table"]) or (tag == "form" and open_["form"]):
                continue
            if kind & _RAW:
                if tag == "plaintext":  # the rest of the page is text
                    return None
                raw = "/" + tag
                continue
            if kind & _CLOSES_P and open_["p"]:
                _pop_to(stack, open_, ("p",), (), len(stack))
            if tag in _HEADINGS and stack[-1] in _HEADINGS:
                open_[stack.pop()] -= 1
            if kind & _SIBLING:
                targets, stops = _SIBLINGS[tag]
                if any(open_[t] for t in targets):
                    _pop_to(stack, open_, targets, stops, _SEARCH)
        stack.append(tag)
        open_[tag] = open_.get(tag, 0) + 1
        pushed = True
        if len(stack) > limit:
            return f"HTML nested deeper than {MAX_DEPTH} elements; save the page's text or a PDF instead"
    return None


def _pop_to(stack: list[str], open_: dict[str, int], targets, stops, search: int) -> None:
    """Pop down to the nearest of targets, unless one of stops, or the search's end, comes first."""
    i = len(stack) - 1
    end = max(0, i - search)
    while i > end and stack[i] not in targets and stack[i] not in stops:
        i -= 1
    if stack[i] in targets:
        while len(stack) > i:
            open_[stack.pop()] -= 1


def _blocks(root) -> list[tuple[str, str | None]]:
    """Walk the tree without recursion, cutting the text at every block boundary."""
    out: list[tuple[str, str | None]] = []
    path: list[tuple[int, str]] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        buf.clear()
        if text:
            out.append((text, " > ".join(t for _, t in path) or None))

    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            flush()
            continue
        if tag == "-text":
            buf.append(node.text_content or "")
            continue
        if tag in ("-comment", "-doctype") or not node.is_element_node or tag in DROP:
            continue
        attrs = node.attributes
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
            continue
        if tag == "br":
            buf.append(" ")
            continue
        if tag == "tr":
            flush()
            cells = [" ".join(c.text(separator=" ").split()) for c in node.iter() if c.tag in ("td", "th")]
            row = " | ".join(c for c in cells if c)
            if row:
                out.append((row, " > ".join(t for _, t in path) or None))
            continue
        if tag in _HEADINGS:
            flush()
            title = " ".join(node.text(separator=" ").split())
            if title:
                level = _HEADINGS[tag]
                path = [(lvl, t) for lvl, t in path if lvl < level] + [(level, title)]
                out.append((title, " > ".join(t for _, t in path)))
            continue
        block = tag in BLOCKS
        if block:
            flush()
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    flush()
    return out


class _Lines:
    """Finds each block's first and last words in the source, moving forward only."""

    WINDOW = 64 * 1024

    def __init__(self, source: str):
        self.source = source
        self.newlines = [m.start() for m in re.finditer("\n", source)]
        self.cursor = 0
        self.line = 1

    def _find(self, words: list[str]) -> int | None:
        gap = r"(?:\s|<[^>]*>)+"
        pattern = gap.join(_word_pattern(w) for w in words)
        match = re.compile(pattern).search(self.source, self.cursor, self.cursor + self.WINDOW)
        if match is None:
            return None
        self.cursor = match.end()
        return match.start()

    def _line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos - 1) + 1

    def span(self, text: str) -> tuple[int, int]:
        first = [w for w in _SPLIT.split(text[:200]) if w]
        head = first[:4]
        tail = [w for w in _SPLIT.split(text[-100:]) if w][-2:] if len(first) > 4 or len(text) > 200 else []
        start_pos = self._find(head) if head else None
        if start_pos is None and head:
            start_pos = self._find(head[:1])
        if start_pos is None:
            return self.line, self.line
        start = self._line_of(start_pos)
        end_pos = self._find(tail) if tail else None
        end = self._line_of(end_pos) if end_pos is not None else self._line_of(self.cursor)
        self.line = end
        return start, max(start, end)


_SPLIT = re.compile(r"\s+|\s*\|\s*")
_SPECIAL = re.compile("[&<>\"'\u00a0]")


def _word_pattern(word: str) -> str:
    if not _SPECIAL.search(word):
        return re.escape(word)
    out = []
    for ch in word:
        if ch in "&<>\"'\u00a0":
            out.append(f"(?:{re.escape(ch)}|&[#\\w]+;)")
        else:
            out.append(re.escape(ch))
    return "".join(out)
