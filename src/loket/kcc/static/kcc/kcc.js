/* KCC pages: running timers (contact and tabs), live character counters, add a question. No framework. */
(function () {
  "use strict";

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  // Every running timer (the contact's and those on the tabs) counts on from the seconds the
  // server measured since the contact started, so a reload or a tab switch loses nothing.
  function startTimers() {
    var timers = document.querySelectorAll("[data-timer-elapsed]");
    if (!timers.length) return;
    var loaded = Date.now();
    function tick() {
      var since = Math.floor((Date.now() - loaded) / 1000);
      timers.forEach(function (el) {
        var seconds = (parseInt(el.getAttribute("data-timer-elapsed"), 10) || 0) + since;
        el.textContent = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
      });
    }
    tick();
    window.setInterval(tick, 1000);
  }

  function updateCounter(field) {
    var counter = document.querySelector("[data-counter-for='" + field.id + "']");
    if (!counter) return;
    var max = parseInt(field.getAttribute("maxlength"), 10);
    var used = field.value.length;
    counter.textContent = used + " van " + max + " tekens";
    counter.classList.toggle("kcc-counter--near", used >= max * 0.9);
  }

  function bindCounters(root) {
    root.querySelectorAll("textarea[data-counter]").forEach(function (field) {
      updateCounter(field);
      field.addEventListener("input", function () {
        updateCounter(field);
      });
    });
  }

  // The contactverzoek fields of a question are shown only when its afhandeling asks for them.
  function bindVerzoek(root) {
    root.querySelectorAll("[data-vraag]").forEach(function (vraag) {
      var select = vraag.querySelector("select[name$='-afhandeling']");
      var verzoek = vraag.querySelector("[data-verzoek]");
      if (!select || !verzoek) return;
      function toggle() {
        verzoek.hidden = select.value !== "contactverzoek";
      }
      toggle();
      select.addEventListener("change", toggle);
    });
  }

  function bindAddQuestion(form) {
    var button = form.querySelector("[data-vraag-toevoegen]");
    var template = form.querySelector("template[data-vraag-template]");
    var list = form.querySelector("[data-vragen]");
    var total = form.querySelector("input[name='vraag-TOTAL_FORMS']");
    if (!button || !template || !list || !total) return;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__nummer__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fieldset = holder.firstElementChild;
      list.appendChild(fieldset);
      total.value = String(index + 1);
      if (window.htmx) window.htmx.process(fieldset);
      bindCounters(fieldset);
      bindVerzoek(list);
      var first = fieldset.querySelector("input[type='search'], select, textarea");
      if (first) first.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startTimers();
    var form = document.querySelector("[data-contact-form]");
    if (!form) return;
    bindCounters(form);
    bindAddQuestion(form);
    bindVerzoek(form);
  });
})();
