"""A cheap look at an HTML page's tags before lexbor parses it, to refuse pages that would take
lexbor minutes: nesting too deep, formatting elements left open for the parser to re-open in
every later block, or start tags with thousands of attributes. Not a parser: regular expressions
over the tags and a stack that follows only the parser rules that decide depth; it errs on the
side of accepting.
"""

from __future__ import annotations

import bisect
import re

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))  # a heading closes an open heading



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
#
# Formatting elements (<b>, <i>, <font>, <a>...) that a block closes without their end tag are
# re-opened by the parser, as new elements, in every later block (the HTML standard's "list of
# active formatting elements"): "<p><b id=1>x</p><p><b id=2>x</p>..." is 2 levels deep, but 2,000
# of them (37 KB) make lexbor build 2 million elements in 0.9-1.2 s, and the time grows with the
# square of the count. The scan (_Reopened) charges MAX_REOPEN's units for each re-opening: 2 for
# the element, 2 for each attribute (copied each time), 1 for each 256 characters of them, and
# one for every SEARCHES_PER_UNIT steps of lexbor's search of its stack for each entry first; and
# one for every COMPARES_PER_UNIT attribute comparisons when a start tag is checked against the
# entries of its name (Noah's Ark, which is why the attacks need distinct attributes). A unit took
# lexbor 0.06-0.22 us on every shape tried (plain ids 0.12, 20-1,000 attributes 0.06-0.18, 2-60 KB
# attribute values 0.16-0.22, 990 levels deep 0.19), so MAX_REOPEN stands for 0.1-0.2 s; the
# slowest inputs accepted, of 2,600 random mixes of these shapes with tables, SVG, <select> and
# misnesting, parse in 0.12 s. Real pages come nowhere near: 0 on the Rust and Node.js manuals,
# and 0 on all but six of 2,700 other pages on this machine, the most 5,884 (a blog page that
# left 10 elements open). Elements re-opened where nothing closes them again (those Noah's Ark
# drops from the list, or a new one per block when blocks are on lines of their own) nest deeper
# and deeper in lexbor, so they are added to the depth in MAX_WORK: a sloppy page that leaves the
# same <font face size> open in every paragraph nests one level deeper per paragraph, and is
# accepted up to about 0.4 MB (lexbor: 50 ms); at 2.15 MB lexbor would take 1.6 s, 5 times as
# long as with the fonts closed.
MAX_DEPTH = 1000
MAX_WORK = 50_000_000  # about 7 times a 20 MB page of the Rust Reference
MAX_REOPEN = 1_000_000
SEARCHES_PER_UNIT = 400  # a step of lexbor's search of its stack: about 0.5 ns
COMPARES_PER_UNIT = 100  # an attribute compared in Noah's Ark: about 2-3 ns


# too_deep measures the depth with one regex over the tags and a stack of element names, before
# lexbor sees the page. Counting start tags against end tags would be simpler, but it is fooled
# both ways: end tags that close nothing ("</x>" after each "<div>", or "</span>" across an open
# "<div>", which the parser ignores) hide any depth, and the end tags real pages leave out (<p>,
# <li>, cells, a <font> closed by its cell's "</td>") add up to thousands of levels that are not
# there. So the stack follows the parser's rules that decide the depth, and nothing else: an end
# tag pops back to its element, unless that element is not open, or the tag is an inline one
# (</span>, </b>) and a block (<div>) was opened after it; a block closes an open <p>; <li>,
# <dd>/<dt>, cells, rows, <option> and <a> close their open sibling; void elements, comments and
# the text of <script>, <style>, <textarea>, <title> are skipped; "/>" closes an element only in
# SVG or MathML, where <a> closes no sibling. On the manuals above it counts what lexbor builds.
# Its blind spots make it count fewer levels than lexbor (it errs on accepting): nesting through
# tables, <object> or SVG <foreignObject> (cheap for lexbor: its searches stop there), and markup
# hidden in attribute values (but those of formatting elements, which are read) or in a comment
# that a script's text opens. It counts more only for markup no page has at scale: tags inside
# <select>, an HTML tag that ends an SVG, an inline end tag more than 64 elements below the top
# of the stack. Formatting elements that lexbor re-opens are counted apart (_Reopened); as the
# scan cannot see text, it charges for them as if text came right after every tag that pops, and
# they cost nothing on pages that close their formatting elements (nearly all).
_BLOCK_TAGS = frozenset(  # the HTML standard's "special" elements: an inline end tag's search stops at one
    "address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup "
    "dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head "
    "header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes "
    "noscript object ol p param plaintext pre script search section select source style summary table tbody td "
    "template textarea tfoot th thead title tr track ul wbr xmp mi mo mn ms mtext annotation-xml foreignobject "
    "desc".split())
_INLINE_TAGS = ("a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr option optgroup q s "
                "samp small span strike strong sub sup time tt u var svg math g path rect circle text tspan").split()
_SKIP, _RAW, _CLOSES_P, _IN_TABLE, _SIBLING, _FORMAT, _MARKER = 1, 2, 4, 8, 16, 32, 64
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())  # the standard's list
_KIND = dict.fromkeys([*_BLOCK_TAGS, *_INLINE_TAGS], 0)  # known (lowercase) names: what their start tag does
for _names, _flag in (
        ("area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr "
         "html head body", _SKIP),  # void, or never nested (a second <body> is merged into the first)
        ("script style textarea title xmp iframe noembed noframes plaintext", _RAW),
        ("address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
         "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing table li dd dt",
         _CLOSES_P),
        ("caption colgroup tbody thead tfoot tr td th", _IN_TABLE),  # ignored outside a table
        ("li dd dt td th tr tbody thead tfoot a nobr button option optgroup", _SIBLING),
        (" ".join(_FORMATTING), _FORMAT),
        ("applet caption marquee object td template th", _MARKER)):  # they hide the formatting elements before them
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
_BREAKOUT = ("li", "dd", "dt")  # of the tags that close a sibling, those that end an SVG or MathML element
# Matches "<name" and "</name" (the name is the group), "</>" where "/>" ended a tag (see
# too_deep), and, as empty matches, comments and elements that hold only text ("<a href=...>
# text</a>"): these leave the stack as it was, and skipping them in the regex saves half the
# Python work on inline-heavy pages. It costs a level either way: such an element is not counted
# as one, and a <p> of them does not close an open <p>. As a leaf may be a "<p>x</p>" that
# closes what its text re-opened, each is charged as a tag that pops.
_LEAVES = ("a abbr b button cite code dd del div dt em font h1 h2 h3 h4 h5 h6 i ins kbd label li mark option p q s "
           "small span strong sub sup td text th time title tspan u var")
_TAG = re.compile(r"<(?:!--.*?(?:-->|\Z)|"
                  + "".join(rf"{name}(?=[\t\n\f\r >])[^>]*>[^<]*</{name}>|" for name in _LEAVES.split())
                  + r"((?=[abcefinstuABCEFINSTU])(?i:" + "|".join(sorted(_FORMATTING))
                  + r""")[\t\n\f\r /][^>=]*(?:=[\t\n\f\r ]*(?:"[^"]*"|'[^']*')?[^>=]*)*"""
                  + r"|/?[a-zA-Z][^\t\n\f\r />]*|/(?=>)))", re.DOTALL)
# A formatting element's start tag with attributes is matched with them ("b id=1"), quotes respected: lexbor copies
# them each time it re-opens the element, and compares them with those of every entry of its name (Noah's Ark).
_WITH_ATTRS = re.compile(r"([^\t\n\f\r /]+)([\t\n\f\r /].*)", re.DOTALL)
_ATTR = re.compile(r"""[^\s/>"'=][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


# lexbor checks each attribute of a start tag against the ones before it, so a tag with n distinct
# attributes costs n * n / 2 comparisons, about 7 ns each here: one <div> with 20,000 attributes
# (170 KB) takes 1.5 s, 2,000 tags of 500 each (4.8 MB) 1.7 s. Real start tags have at most a few
# dozen (8-11 on the Rust manuals); tags with more than 16 are charged, and a page is refused
# past MAX_ATTRIBUTE_COMPARES (about 0.15 s). The scan reads tags as the tokenizer does (a quote
# starts a value only after "="), so quoted ">" cannot hide attributes; 10-15 ms a MB.
MAX_ATTRIBUTE_COMPARES = 20_000_000
_START_TAG = re.compile(r"""<[a-zA-Z][^\t\n\f\r />]*([\t\n\f\r /][^>=]*(?:=[\t\n\f\r ]*(?:"[^"]*"|'[^']*')?[^>=]*)*)>""")


def too_many_attributes(source: str) -> str | None:
    """Why lexbor would take too long over this page's attributes, or None."""
    compares = 0
    for tag in _START_TAG.finditer(source):
        if len(tag[1]) > 32:  # 17 attributes take at least 34 characters
            n = len(_ATTR.findall(tag[1]))
            if n > 16:
                compares += n * n // 2
                if compares > MAX_ATTRIBUTE_COMPARES:
                    return (f"HTML has start tags with thousands of attributes (one has {n:,}), which would take "
                            f"the parser minutes; save the page's text or a PDF instead")
    return None


def too_deep(source: str) -> str | None:
    """Why lexbor would take too long over this page's nesting, or None. 10-30 ms a MB of tag-dense HTML."""
    if source.count("<") <= MAX_DEPTH and len(source) <= 20_000:  # (attributes make a few tags slow: 0.12 s at most)
        return None
    if any(opening in source for opening in ("<svg", "<math", "<SVG", "<MATH")):  # mark where "/>" ends a tag
        source = source.replace("/>", "></>")
    stack = [""]  # element names, above a sentinel
    open_ = dict.fromkeys(_KIND, 0)  # how many of each are on the stack
    kinds, ends, blocks, formatting, limit = _KIND.get, _ENDS.get, _BLOCK_TAGS, _FORMATTING, MAX_DEPTH + 1
    raw = None  # in <script> and the like: the end tag that ends its text
    pushed = False  # the previous tag went on the stack
    work = 0  # the depth summed over the tags: what lexbor's searches of the stack cost at most
    hidden_work = 0  # the part of it that lexbor's re-opened elements add (_Reopened)
    active = _Reopened()
    hidden = 0  # how many re-opened elements lexbor may have on its stack that this one lacks
    stale_n = stale_w = 0  # how many stale entries there are, and what re-opening them costs
    marked = -1  # the stack index of the last marker element active knows of
    reopen = 0  # re-opening them, summed over the tags that may close what was re-opened
    attrs = ""  # a formatting element's attributes, if its start tag had any
    formats = {}  # stack index: the attributes of the formatting element there
    for seen, tag in enumerate(_TAG.findall(source), 1):
        if raw is not None:
            if tag == raw or tag.lower() == raw:
                raw = None
            continue
        work += len(stack) + hidden
        if hidden:
            hidden_work += hidden
        if work > MAX_WORK:
            if hidden_work * 2 > work:
                return active.refusal()
            return (f"HTML too deeply nested for its size ({work // seen} elements deep on average over {seen:,} "
                    f"tags); save the page's text or a PDF instead")
        kind = kinds(tag)
        if kind is None:  # not a known lowercase start tag
            if not tag:  # a comment or a leaf; a leaf block (<p>x</p>) closes what its text re-opened
                if stale_w:
                    reopen += stale_w + stale_n * (len(stack) + hidden) // SEARCHES_PER_UNIT
                    if reopen > MAX_REOPEN:
                        return active.refusal()
                continue
            name = ends(tag)
            if name is None:
                split = _WITH_ATTRS.match(tag) if tag[0] != "/" else None
                if split:  # a formatting element's start tag with attributes
                    tag, attrs = split[1].lower(), split[2]
                else:
                    tag = tag.lower()
                kind = kinds(tag)
                name = ends(tag, tag[1:]) if kind is None and tag[0] == "/" else None
            if name is not None:  # an end tag
                popped = _ONE
                depth = len(stack)
                if name == stack[-1] and name:
                    open_[stack.pop()] -= 1
                elif not name:  # "/>"
                    if pushed and (open_["svg"] or open_["math"]):
                        open_[stack.pop()] -= 1
                elif open_.get(name):  # a block's end tag closes what is open inside it; an inline one stops at a block
                    if name in blocks:
                        popped = _pop_to(stack, open_, (name,), (), len(stack))
                    else:
                        popped = _pop_to(stack, open_, (name,), blocks, _SEARCH)
                else:
                    popped = ()
                pushed = False
                if len(stack) <= marked or (len(popped) > 1 and not formatting.isdisjoint(popped)):
                    hidden, stale_n, stale_w, marked = active.popped(popped, stack, open_, formats)
                elif hidden and len(stack) < depth:
                    hidden, stale_n, stale_w = active.down_to(len(stack))
                if not popped and stale_w and name in formatting:  # it closes its last re-opened entry
                    hidden, stale_n, stale_w = active.end(name)
                if stale_w:  # elements re-opened inside what closed are closed too, and re-opened again
                    reopen += stale_w + stale_n * (len(stack) + hidden) // SEARCHES_PER_UNIT
                    if reopen > MAX_REOPEN:
                        return active.refusal()
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
            depth = len(stack)
            if kind & _CLOSES_P and open_["p"]:
                popped = _pop_to(stack, open_, ("p",), (), len(stack))
                if len(stack) <= marked or (len(popped) > 1 and not formatting.isdisjoint(popped)):
                    hidden, stale_n, stale_w, marked = active.popped(popped, stack, open_, formats)
            if tag in _HEADINGS and stack[-1] in _HEADINGS:
                open_[stack.pop()] -= 1
            if kind & _SIBLING and (tag in _BREAKOUT or not (open_["svg"] or open_["math"])):  # <a> in SVG is SVG's
                targets, stops = _SIBLINGS[tag]
                if any(open_[t] for t in targets):
                    popped = _pop_to(stack, open_, targets, stops, _SEARCH)
                    if len(stack) <= marked or (len(popped) > 1 and not formatting.isdisjoint(popped)):
                        hidden, stale_n, stale_w, marked = active.popped(popped, stack, open_, formats)
            if hidden and len(stack) < depth:
                hidden, stale_n, stale_w = active.down_to(len(stack))
                if stale_w:
                    reopen += stale_w + stale_n * (len(stack) + hidden) // SEARCHES_PER_UNIT
                    if reopen > MAX_REOPEN:
                        return active.refusal()
            if kind & _FORMAT:
                # in SVG or MathML only <a> and <font> stay foreign elements, the others are HTML's (and end them)
                if stale_w and not (tag in ("a", "font") and (open_["svg"] or open_["math"])):
                    if tag in ("a", "nobr"):  # a new one closes the last (adoption agency)
                        hidden, stale_n, stale_w = active.end(tag)
                    hidden, stale_n, stale_w = active.noahs_ark(tag + attrs)
                if attrs:  # Noah's Ark compares its attributes with those of every entry of its name
                    same = open_[tag] + active.count(tag)
                    if same:
                        count = len(_ATTR.findall(attrs))
                        reopen += same * count * (count + 1) // COMPARES_PER_UNIT
                        if reopen > MAX_REOPEN:
                            return active.refusal()
                formats[len(stack)] = attrs
                attrs = ""
            elif kind & _MARKER and stale_w:  # hides the stale entries until it closes
                marked = active.mark(len(stack), open_, 1)
                hidden, stale_n, stale_w = active.state()
        stack.append(tag)
        open_[tag] = open_.get(tag, 0) + 1
        pushed = True
        if len(stack) > limit:
            return f"HTML nested deeper than {MAX_DEPTH} elements; save the page's text or a PDF instead"
    return None


_ONE = (None,)  # an end tag popped its own element only


def _pop_to(stack: list[str], open_: dict[str, int], targets, stops, search: int) -> list[str]:
    """Pop down to the nearest of targets, unless one of stops, or the search's end, comes first; what was popped."""
    i = len(stack) - 1
    end = max(0, i - search)
    while i > end and stack[i] not in targets and stack[i] not in stops:
        i -= 1
    if stack[i] not in targets:
        return []
    popped = stack[i:]
    del stack[i:]
    for name in popped:
        open_[name] -= 1
    return popped


_MARKERS = tuple(name for name, kind in _KIND.items() if kind & _MARKER)
_MARKER_SET = frozenset(_MARKERS)


class _Reopened:
    """What lexbor re-opens: the stale entries of the HTML standard's list of active formatting elements.

    A formatting element popped by something other than its own end tag (a block's end tag, a block that closes
    a <p>, an inline end tag below it) stays in the list, stale: before the next text lexbor re-opens it, as a new
    element on top of its stack, and again after every tag that closes what it was re-opened in. The entry goes
    with the next end tag of its name, the next <a> or <nobr> for those, and its scope when the marker element
    before it (a cell, <caption>, <object>...) closes; markers are recorded lazily, when a cell opens with stale
    entries to hide or when stale entries are made inside one. Noah's Ark keeps at most three identical entries
    (same name and attributes): a fourth start tag drops the oldest from the list, but not from lexbor's stack, so
    a re-opened element dropped where nothing closes it (after "</p>\n" at the top of <body>) stays open for good:
    '<p><font face="Arial">x</p>' on lines of their own nest one level deeper each.

    The scan cannot see text, so it assumes the worst each time: re-opening costs as if text came right after
    every tag that pops elements (the stale entries' weight is charged there), and what Noah's Ark drops stays on
    lexbor's stack as if it had been re-opened as low as the scan's stack went since the entry was made. This
    hidden depth (stale entries and those dropped elements) is added to the scan's depth in MAX_WORK.
    """

    __slots__ = ("names", "keys", "stale_n", "stale_w", "outer", "marks", "dropped", "lows", "times", "time", "made")

    def __init__(self):
        self.names: dict[str, list[list]] = {}  # element name: its entries [key, weight, time made, name], oldest first
        self.keys: dict[str, list[list]] = {}  # name and attributes: its entries, oldest first
        self.stale_n = self.stale_w = 0
        self.outer = 0  # stale entries hidden by markers
        self.marks: list[tuple[int, int, tuple]] = []  # markers: stack index, marker elements open, the hidden scope
        self.dropped: list[int] = []  # the stack lengths below which each element Noah's Ark dropped closes, sorted
        self.lows: list[int] = []  # the stack's length after pops, increasing: how low it went since times[i]
        self.times: list[int] = []
        self.time = 0  # counts the pops seen
        self.made: dict[str, int] = {}  # element name: how many entries were made (for the message)

    def state(self) -> tuple[int, int, int]:
        """How many re-opened elements lexbor may have on its stack that the scan lacks, how many stale entries there
        are, and what re-opening them costs (MAX_REOPEN's units) besides searching the stack for each."""
        return self.outer + self.stale_n + len(self.dropped), self.stale_n, self.stale_w

    def down_to(self, depth: int) -> tuple[int, int, int]:
        """The scan's stack was popped down to depth elements."""
        lows, times = self.lows, self.times
        while lows and lows[-1] >= depth:
            lows.pop()
            times.pop()
        lows.append(depth)
        times.append(self.time)
        self.time += 1
        dropped = self.dropped
        if dropped and dropped[-1] > depth:
            del dropped[bisect.bisect_right(dropped, depth):]
        return self.state()

    def popped(self, popped: list[str], stack: list[str], open_: dict[str, int], formats: dict[int, str]):
        """The scan popped these (the first is the end tag's or implied close's own target) down to len(stack)."""
        marks = self.marks
        while marks and marks[-1][0] >= len(stack):  # the marker closed: its scope ends
            self.names, self.keys, self.stale_n, self.stale_w = marks.pop()[2]
            self.outer -= self.stale_n
        self.down_to(len(stack))
        fresh = []
        for i, name in enumerate(popped, len(stack)):
            if name in _MARKER_SET:  # what is above it was in its scope, which ends
                break
            if name in _FORMATTING and i > len(stack):  # the first is closed, not left in the list
                fresh.append((name, formats.get(i, "")))
        if fresh:
            markers = sum(open_[name] for name in _MARKERS)
            if markers > (marks[-1][1] if marks else 0):  # a marker element opened since: the entries are its
                for i in range(len(stack) - 1, marks[-1][0] if marks else 0, -1):
                    if stack[i] in _MARKER_SET:
                        self.mark(i, open_)
                        break
            for name, attrs in fresh:
                key = name + attrs
                same = self.keys.setdefault(key, [])
                if len(same) < 3:  # else the element was not in the list (Noah's Ark dropped it)
                    count = len(_ATTR.findall(attrs)) if attrs else 0
                    entry = [key, 2 + 2 * count + len(attrs) // 256, self.times[-1], name]
                    same.append(entry)
                    self.names.setdefault(name, []).append(entry)
                    self.stale_n += 1
                    self.stale_w += entry[1]
                    self.made[name] = self.made.get(name, 0) + 1
        return *self.state(), marks[-1][0] if marks else -1

    def noahs_ark(self, key: str) -> tuple[int, int, int]:
        """A start tag with this name and attributes: a fourth identical entry drops the oldest from the list."""
        same = self.keys.get(key)
        if same and len(same) >= 3:
            entry = same.pop(0)
            self.names[entry[3]].remove(entry)
            self.stale_n -= 1
            self.stale_w -= entry[1]
            i = bisect.bisect_left(self.times, entry[2])  # how low the stack went since: where it was re-opened
            bisect.insort(self.dropped, self.lows[i] if i < len(self.lows) else 0)
        return self.state()

    def end(self, name: str) -> tuple[int, int, int]:
        """An end tag (or a new <a>) that closes nothing on the scan's stack drops the last stale entry of its name."""
        entries = self.names.get(name)
        if entries:  # if it was re-opened, what was re-opened after it is closed with it
            entry = entries.pop()
            self.keys[entry[0]].remove(entry)
            self.stale_n -= 1
            self.stale_w -= entry[1]
        return self.state()

    def count(self, name: str) -> int:
        return len(self.names.get(name, ()))

    def mark(self, index: int, open_: dict[str, int], pushing: int = 0) -> int:
        """A marker element at index (pushing: not on the stack yet): the entries so far are hidden until it closes."""
        markers = sum(open_[name] for name in _MARKERS) + pushing
        self.marks.append((index, markers, (self.names, self.keys, self.stale_n, self.stale_w)))
        self.outer += self.stale_n
        self.names, self.keys = {}, {}
        self.stale_n = self.stale_w = 0
        return index

    def refusal(self) -> str:
        names = sorted(self.made, key=self.made.get, reverse=True)
        shown = ", ".join(f"<{name}>" for name in names[:3]) + (", ..." if len(names) > 3 else "")
        return (f"HTML leaves {self.state()[0]:,} formatting elements ({shown}) unclosed, which browsers and this "
                f"parser re-open in every later block; save the page's text or a PDF instead")
