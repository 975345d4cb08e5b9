// Background-job progress: every block with data-job-poll is replaced by a fresh copy of
// itself once a second until the server sends a block without the attribute (job finished).
(function () {
  "use strict";
  function poll(block) {
    var url = block.getAttribute("data-job-poll");
    if (!url) { return; }
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html.trim();
          var fresh = holder.firstElementChild;
          if (!fresh) { return; }
          block.replaceWith(fresh);
          poll(fresh);
        })
        .catch(function () { poll(block); });
    }, 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-job-poll]").forEach(poll);
  });
})();
