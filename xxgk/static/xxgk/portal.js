/* Portal enhancements; every page works without this script. */
(function () {
  "use strict";
  var COOKIE = "xxgk_text";
  function setSize(size) {
    document.documentElement.style.fontSize = size === "large" ? "20px" : "";
    document.documentElement.classList.toggle("large-text", size === "large");
    try { localStorage.setItem(COOKIE, size); } catch (e) { /* private mode */ }
    document.cookie = COOKIE + "=" + size + "; path=/; max-age=31536000; SameSite=Lax";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var stored = null;
    try { stored = localStorage.getItem(COOKIE); } catch (e) { stored = null; }
    if (stored && document.cookie.indexOf(COOKIE + "=" + stored) === -1) { setSize(stored); }
    document.querySelectorAll("[data-text-size]").forEach(function (btn) {
      btn.addEventListener("click", function (ev) {
        ev.preventDefault();
        var large = btn.getAttribute("data-text-size") === "large";
        setSize(large ? "large" : "normal");
        btn.setAttribute("data-text-size", large ? "normal" : "large");
        btn.setAttribute("aria-pressed", large ? "true" : "false");
        btn.value = large ? "normal" : "large";
        btn.textContent = large ? "标准字号" : "大字版（适老化）";
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (btn) {
      btn.addEventListener("click", function () { window.print(); });
    });
    /* Show only the sub-form of the chosen applicant kind (both stay in the page without JS). */
    var radios = document.querySelectorAll("input[name=applicant_type]");
    function showKind() {
      var chosen = document.querySelector("input[name=applicant_type]:checked");
      var kind = chosen ? chosen.value : "natural";
      document.querySelectorAll("[data-kind]").forEach(function (box) {
        box.hidden = box.getAttribute("data-kind") !== kind;
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", showKind); });
    if (radios.length) { showKind(); }
    /* Live character count: the text is never cut; over the limit the count says so. */
    document.querySelectorAll("textarea[data-count-max]").forEach(function (area) {
      var max = parseInt(area.getAttribute("data-count-max"), 10);
      var out = document.getElementById(area.id + "-count");
      if (!out) { return; }
      function update() {
        var n = Array.from(area.value).length;
        out.textContent = n > max
          ? "已输入 " + n + " 字，超出 " + (n - max) + " 字（最多 " + max + " 字），请删减。"
          : "已输入 " + n + " 字，最多 " + max + " 字。";
        out.classList.toggle("field-error", n > max);
      }
      area.addEventListener("input", update);
      update();
    });
    /* One submission per page: a double click sends the form once (the server is idempotent too). */
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        if (form.dataset.sent) { ev.preventDefault(); return; }
        form.dataset.sent = "1";
      });
    });
  });
})();
