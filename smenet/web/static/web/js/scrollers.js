// A table or chart wider than its box scrolls within it; keyboard users must be able to reach
// and scroll it (WCAG 2.1.1; axe: scrollable-region-focusable). Every element that scrolls
// sideways and holds nothing focusable becomes a focusable, named region; when it fits again
// (a wider window) it leaves the tab order.
(() => {
  const SELECTOR = ".table-scroll, .table, .plan-tree, .diff, .chart-box, .timeline, .transitions";
  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function label(el) {
    const caption = el.querySelector("caption");
    if (caption) return caption.textContent.trim();
    let prev = el.previousElementSibling;
    while (prev && !/^H[1-6]$/.test(prev.tagName)) prev = prev.previousElementSibling;
    return prev ? prev.textContent.trim() : "";
  }
  function mark() {
    for (const el of document.querySelectorAll(SELECTOR)) {
      const wide = el.scrollWidth > el.clientWidth + 1;
      const own = el.dataset.scroller === "1";
      if (wide && !own && !el.hasAttribute("tabindex") && !el.querySelector(FOCUSABLE)) {
        el.tabIndex = 0;
        el.dataset.scroller = "1";
        if (el.tagName !== "TABLE") {
          el.setAttribute("role", "region");
          const name = label(el);
          if (name) el.setAttribute("aria-label", name);
        }
      } else if (!wide && own) {
        el.removeAttribute("tabindex");
        delete el.dataset.scroller;
      }
    }
  }
  mark();
  let pending = 0;
  addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  });
})();
