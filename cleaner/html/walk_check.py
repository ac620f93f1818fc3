"""Whether the compiled walk (``cleaner.html._walk``) may stand in for the Python one of
:mod:`cleaner.html.dom`: :func:`check` binds it to selectolax's lexbor and reads a probe
page both ways (``accel.load`` runs it when :mod:`cleaner.html.dom` is imported, at the
end of that module: each function here imports it, by then complete)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..normalize import match_key, tidy


def check(_walk) -> bool:  # type: ignore[no-untyped-def]
    """Bind ``cleaner.html._walk`` to selectolax's lexbor; whether it reads a probe page
    exactly as the Python walker does (a stale build or another lexbor layout does not),
    and its other C twins answer the probes as their Python twins do."""
    import selectolax.lexbor as lexbor

    from . import dom as html_dom

    _walk.bind(lexbor.__file__, html_dom)
    tree = html_dom.parse(_PROBE)
    nodes = list(tree.body.traverse(include_text=True))
    if not all(_walk.layout_matches(n.mem_id, n.parent.mem_id) for n in nodes):
        return False  # lexbor's node struct is not laid out as _walk reads it
    texts = [n for n in nodes if n.tag == "-text"]
    if any(_walk.probe_text(n.mem_id, len(n.text_content.encode())) != n.text_content for n in texts):
        return False  # nor its text nodes
    return _walks_alike(_walk, tree) and _twins_alike(_walk)


def _walks_alike(_walk, tree: LexborHTMLParser) -> bool:  # type: ignore[no-untyped-def]
    """The compiled walk of the probe gives the Python walk's page, piece paths, ends and keys."""
    from . import dom as html_dom

    page = html_dom.Page()
    _walk.walk(tree.body.mem_id, page, {}, set(), html_dom._no_check)
    python = html_dom.walk_python(tree.body, {}, set(), html_dom._no_check)
    ends = [python.subtree_end(i) for i in range(len(python.elems))]
    return (page == python and page._piece_paths == python.piece_paths() and list(page._ends) == ends
            and page._keys == python.keys())


def _twins_alike(_walk) -> bool:  # type: ignore[no-untyped-def]
    """The C twins of normalize.tidy and match_key, token_groups and boundary agree on the probes."""
    from . import dom as html_dom

    return (all(_walk.tidy(t) == tidy(t) and _walk.match_key(t) == match_key(tidy(t)) for t in _TIDY_PROBES)
            and all(_walk.token_groups(n) == html_dom.token_groups_python(n)
                    and _walk.boundary(n) == html_dom.boundary_python(n) for n in _NAME_PROBES))


# Text, links, a line break, hidden elements, a custom element, a comment, a
# skipped element and a boundary class: the walk's every branch once.
_PROBE = ('<body><div id="a" class="nav"><p>한국어 <a href="/">링크</a><br>둘</p></div>'
          '<custom-tag hidden>숨김</custom-tag><p style="display:none" data-x>x</p>'
          '<script>s</script><!-- c --><span class="summary">요약</span>끝 &amp; 끝</body>')
# White space of every sort, entities, plain text and not: what the walk's twins of
# normalize.tidy and match_key must match; and class/id names for its twins of token_groups and boundary.
_TIDY_PROBES = (" 가\u3000나\xa0 다\n\t라 ", "a &amp;lt; b&nbsp;c", "&#32; x &#x3000;y ", "\u200b\u2028z", "",
                "ⓒ 뉴스 ＡＢＣ…", "Seoul 「서울」 漢字 ©", "ΟΔΟΣ x", "말했다…", "㈜회사 女")
_NAME_PROBES = ("nav", "articleBody_v2 relatedNews", "tag-ads has-sidebar", "font-size17 HTMLSummary", "x")
