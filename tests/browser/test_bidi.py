"""Mixed-direction text on Arabic pages reads in the right order, and the network's name is
never cut at its hyphen (what only a browser shows: the bidirectional algorithm and line
breaking run in the browser)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

#: The visual pieces of every line a range of text is drawn on: one rectangle per line box.
LINES_OF = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector('main') || document.body,
                                           NodeFilter.SHOW_TEXT);
  const found = [];
  let text = '', nodes = [];
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]);
                              text += walker.currentNode.data; }
  let at = text.indexOf(needle);
  while (at >= 0) {
    const range = document.createRange();
    const locate = (offset) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
      }
    };
    const [startNode, startOffset] = locate(at);
    const [endNode, endOffset] = locate(at + needle.length - 1);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset + 1);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                   .map(r => Math.round(r.top)));
    found.push(tops.size);
    at = text.indexOf(needle, at + 1);
  }
  return found;
}"""


@pytest.fixture
def founding_news(transactional_db):
    from smenet.common.reference import load_reference_data

    load_reference_data()


def test_the_networks_name_is_never_cut_at_its_hyphen(browser, live_server, founding_news):
    """«(OIC-SMENET)» in the Arabic news fell at a line's end as «(OIC-» / «SMENET)»."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="ar")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ar/news/sesric-kobia-meeting-baku-2025-10-07/")
        cut = {}
        for width in range(300, 481, 6):
            page.set_viewport_size({"width": width, "height": 800})
            lines = page.evaluate(LINES_OF, "OIC-SMENET")
            assert lines, "the article names the network"
            if any(n != 1 for n in lines):
                cut[width] = lines
        assert not cut, f"OIC-SMENET drawn over two lines at these widths: {cut}"
    finally:
        context.close()
