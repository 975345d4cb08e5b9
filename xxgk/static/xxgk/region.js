// Submission review: clicking a value cell of the submitted tables picks it as the location
// of the first empty return reason (the select still works without JavaScript).
document.addEventListener("click", function (event) {
  var cell = event.target.closest && event.target.closest(".pick-cells [data-code]");
  if (!cell) return;
  var value = "cell:" + cell.getAttribute("data-code");
  var rows = document.querySelectorAll("fieldset.reason");
  for (var i = 0; i < rows.length; i++) {
    var text = rows[i].querySelector("textarea");
    if (!text.value.trim()) {
      rows[i].querySelector("select").value = value;
      text.focus();
      return;
    }
  }
});
