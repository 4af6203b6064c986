// Conditional e-form fields: show a field only while its condition holds (data-als-veld/-is).
// Without JavaScript every field is shown; the server ignores answers to hidden questions.
(function () {
  var form = document.getElementById("formulier");
  if (!form) return;
  function current(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    inputs.forEach(function (el) {
      if (el.type === "checkbox") { if (el.checked) values.push(el.value === "on" ? "true" : el.value); }
      else if (el.type === "radio") { if (el.checked) values.push(el.value); }
      else values.push(el.value);
    });
    if (inputs.length === 1 && inputs[0].type === "checkbox" && !values.length) values.push("false");
    return values;
  }
  function update() {
    form.querySelectorAll("[data-als-veld]").forEach(function (field) {
      var values = current(field.dataset.alsVeld);
      if (!form.querySelector('[name="' + field.dataset.alsVeld + '"]')) return;
      field.hidden = values.indexOf(field.dataset.alsIs) === -1;
    });
  }
  form.addEventListener("change", update);
  update();
})();
// After a failed submit, move focus to the error summary so screen readers announce it.
(function () {
  var summary = document.getElementById("foutoverzicht");
  if (summary) summary.focus();
})();
