// Aggregated report: every value cell (td[data-code]) of the tables links to its drill-down
// page, whose URL is the container's data-drilldown with CODE replaced by the cell code.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-drilldown]").forEach(function (box) {
      var pattern = box.getAttribute("data-drilldown");
      box.querySelectorAll("td[data-code]").forEach(function (cell) {
        var link = document.createElement("a");
        link.href = pattern.replace("CODE", encodeURIComponent(cell.getAttribute("data-code")));
        link.textContent = cell.textContent;
        link.title = "查看各单位的数字";
        cell.textContent = "";
        cell.appendChild(link);
      });
    });
  });
})();
