// Shows a meeting's time in the visitor's own time zone beside the venue's time, in the page's
// language. Without JavaScript the venue's time (with its UTC offset) is still there.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var nodes = document.querySelectorAll(".visitor-time[data-start]");
  if (!nodes.length || !window.Intl) { return; }
  var day = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: zone });
  var time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", timeZone: zone });
  Array.prototype.forEach.call(nodes, function (node) {
    var start = new Date(node.getAttribute("data-start"));
    var end = new Date(node.getAttribute("data-end"));
    var sameDay = day.format(start) === day.format(end);
    var text = day.format(start) + " " + time.format(start) + "–" +
      (sameDay ? "" : day.format(end) + " ") + time.format(end);
    node.textContent = "(" + node.getAttribute("data-label") + ": " + text + ", " + zone + ")";
    node.setAttribute("data-zone", zone);
    node.hidden = false;
  });
})();
