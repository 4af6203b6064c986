/* KCC pages: running timers (contact and tabs), live character counters, add a question, the
   Kennisbank panel ("Gebruik dit antwoord", e-mail text to copy). No framework. */
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
      var doorverwijzing = vraag.querySelector("[data-doorverwijzing]");
      if (!select || !verzoek) return;
      var deadline = verzoek.querySelector("[data-verzoek-deadline]");
      function toggle() {
        verzoek.hidden = select.value !== "contactverzoek";
        if (doorverwijzing) doorverwijzing.hidden = select.value !== "doorverwezen";
      }
      toggle();
      // Shown with the page (a form sent back with an error): ask for the deadline now; later
      // changes in the question ask for it themselves (hx-trigger).
      if (deadline && !verzoek.hidden && !deadline.textContent.trim() && window.htmx) {
        window.htmx.trigger(deadline, "kcc:deadline");
      }
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

  // --- Kennisbank panel ------------------------------------------------------------------
  // The "current" question is the one the KCM last worked in; answers from the panel go there.
  function bindKennispaneel(form) {
    var panel = document.querySelector("[data-kennispaneel]");
    if (!panel) return;
    var query = panel.querySelector("[data-kennis-q]");
    var doel = panel.querySelector("[data-kennis-doel]");
    var status = panel.querySelector("[data-kennis-status]");
    var current = null;
    var typed = false; // the KCM typed in the panel: do not overwrite their words

    function vragen() {
      return Array.prototype.slice.call(form.querySelectorAll("[data-vragen] [data-vraag]"));
    }
    function nummer(vraag) {
      var el = vraag.querySelector("[data-vraag-nummer]");
      return el ? el.textContent : "1";
    }
    function target() {
      var all = vragen();
      if (current && all.indexOf(current) !== -1) return current;
      return all.length ? all[all.length - 1] : null;
    }
    function showDoel() {
      var vraag = target();
      if (doel && vraag) doel.textContent = "Antwoorden gaan naar vraag " + nummer(vraag) + ".";
    }

    form.addEventListener("focusin", function (event) {
      var vraag = event.target.closest("[data-vraag]");
      if (vraag) {
        current = vraag;
        showDoel();
      }
    });
    // Leaving the question text: search the panel for it (unless the KCM typed their own words).
    form.addEventListener("focusout", function (event) {
      var field = event.target;
      if (!field.matches || !field.matches("textarea[name$='-vraagtekst']") || !query) return;
      var text = field.value.trim().slice(0, 200);
      if (!text || (typed && query.value.trim()) || text === query.value.trim()) return;
      query.value = text;
      typed = false;
      if (window.htmx) window.htmx.trigger(query, "search");
    });
    if (query) {
      query.addEventListener("input", function () {
        typed = true;
      });
    }

    // A value Loket proposed may be replaced by a better proposal; one the agent chose not.
    function proposable(select) {
      return select && (!select.value || select.getAttribute("data-voorgesteld") === select.value);
    }

    function selectProduct(select, pk, naam) {
      if (!pk || !proposable(select)) return;
      var option = select.querySelector("option[value='" + pk + "']");
      if (!option) {
        // The product search may have shortened the list: add the article's product.
        option = document.createElement("option");
        option.value = pk;
        option.textContent = naam || pk;
        select.appendChild(option);
      }
      select.value = pk;
      select.setAttribute("data-voorgesteld", select.value);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function selectReden(select, pk) {
      if (!pk || !proposable(select)) return false;
      if (!select.querySelector("option[value='" + pk + "']")) return false;
      select.value = String(pk);
      select.setAttribute("data-voorgesteld", select.value);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }

    // The product the question is about and the contactreden to record (issue 16, item 2):
    // asked from Loket after the answer is taken over; the agent can change both.
    function propose(vraag, versie, label) {
      var url = panel.getAttribute("data-voorstel-url");
      if (!url) return;
      var tekst = vraag.querySelector("textarea[name$='-vraagtekst']");
      var params = new URLSearchParams({
        versie: versie,
        vraag: (tekst && tekst.value.trim()) || (query ? query.value : "")
      });
      fetch(url + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          var delen = [];
          var product = vraag.querySelector("select[name$='-product']");
          if (data.product && proposable(product)) {
            selectProduct(product, String(data.product.pk), data.product.naam);
            delen.push("product " + data.product.naam);
          }
          var reden = vraag.querySelector("select[name$='-contactreden']");
          if (data.contactreden && selectReden(reden, data.contactreden.pk)) {
            delen.push(
              "contactreden " + data.contactreden.naam +
                (data.toelichting ? " (" + data.toelichting + ")" : "")
            );
          }
          if (!delen.length) return;
          var tekst = "Voorgesteld: " + delen.join(" en ") + ". U kunt dit wijzigen.";
          var gekozen = vraag.querySelector("[data-kennis-gekozen]");
          if (gekozen) gekozen.textContent = "Antwoord uit de kennisbank: " + label + ". " + tekst;
          if (status) status.textContent = "Antwoord overgenomen in vraag " + nummer(vraag) + ". " + tekst;
          form.dispatchEvent(new Event("kcc:changed"));
        })
        .catch(function () {});
    }

    panel.addEventListener("click", function (event) {
      var copy = event.target.closest("[data-kopieer]");
      if (copy) {
        var area = document.getElementById(copy.getAttribute("data-kopieer"));
        if (!area) return;
        area.select();
        if (navigator.clipboard) navigator.clipboard.writeText(area.value).catch(function () {});
        else document.execCommand("copy");
        if (status) status.textContent = "De e-mailtekst is gekopieerd.";
        return;
      }
      var button = event.target.closest("[data-kennis-gebruik]");
      if (!button) return;
      var vraag = target();
      if (!vraag) return;
      var antwoord = vraag.querySelector("textarea[name$='-antwoord']");
      var versie = vraag.querySelector("input[name$='-kennisartikel_versie']");
      if (antwoord) {
        var max = parseInt(antwoord.getAttribute("maxlength"), 10) || 4000;
        antwoord.value = button.getAttribute("data-tekst").slice(0, max);
        updateCounter(antwoord);
      }
      if (versie) versie.value = button.getAttribute("data-versie");
      // What was searched to find it: the search learns from the answer given.
      var zoekvraag = vraag.querySelector("input[name$='-kennis_zoekvraag']");
      var q = document.getElementById("kennis-q");
      if (zoekvraag) zoekvraag.value = q ? q.value.slice(0, 1000) : "";
      selectProduct(
        vraag.querySelector("select[name$='-product']"),
        button.getAttribute("data-product"),
        button.getAttribute("data-product-naam")
      );
      // A referral answer: the question is handled by referring to that organisation.
      var organisatie = button.getAttribute("data-organisatie");
      var afhandeling = vraag.querySelector("select[name$='-afhandeling']");
      var naar = vraag.querySelector("select[name$='-doorverwezen_naar']");
      if (organisatie && afhandeling && naar && naar.querySelector("option[value='" + organisatie + "']")) {
        afhandeling.value = "doorverwezen";
        afhandeling.dispatchEvent(new Event("change"));
        naar.value = organisatie;
      }
      var gekozen = vraag.querySelector("[data-kennis-gekozen]");
      var label =
        button.getAttribute("data-titel") + " (versie " + button.getAttribute("data-nummer") + ")";
      if (gekozen) {
        gekozen.textContent = "Antwoord uit de kennisbank: " + label + ".";
        gekozen.hidden = false;
      }
      if (status) status.textContent = "Antwoord overgenomen in vraag " + nummer(vraag) + ": " + label + ".";
      form.dispatchEvent(new Event("kcc:changed"));
      propose(vraag, button.getAttribute("data-versie"), label);
    });
    showDoel();
  }

  // --- Drafts on the server (issue 16) ----------------------------------------------------
  // What the agent types is posted to the contact's draft a moment after he stops typing, and
  // at once when he leaves the page (keepalive), so the klantbeeld and back, a reload or a
  // logout lose nothing. The browser warns before leaving while a change is not stored yet.
  var AUTOSAVE_DELAY = 500;

  function bindAutosave(form) {
    var url = form.getAttribute("data-autosave-url");
    if (!url) return;
    var status = document.querySelector("[data-concept-status]");
    var dirty = false;
    var inflight = 0;
    var leaving = false;
    var timer = null;

    // Saved drafts are shown, not announced (every pause in typing saves); a failure is.
    function show(text, failed) {
      if (!status) return;
      if (failed) status.setAttribute("role", "alert");
      else status.removeAttribute("role");
      status.textContent = text;
    }
    function save(keepalive) {
      window.clearTimeout(timer);
      if (!dirty) return;
      dirty = false;
      inflight += 1;
      var body = new URLSearchParams(new FormData(form));
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        keepalive: !!keepalive,
        headers: { "X-Requested-With": "fetch" }
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          inflight -= 1;
          if (!dirty) show("Concept bewaard om " + data.opgeslagen_op + ".");
        })
        .catch(function () {
          inflight -= 1;
          dirty = true;
          show("Concept niet bewaard: geen verbinding met Loket. Laat deze pagina open.", true);
        });
    }
    function changed() {
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(save, AUTOSAVE_DELAY);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("kcc:changed", changed);
    // Saving, or "Contact annuleren" (it posts the form and asks first): the server takes over.
    form.addEventListener("submit", function () {
      leaving = true;
      window.clearTimeout(timer);
    });
    window.addEventListener("beforeunload", function (event) {
      if (leaving || (!dirty && !inflight)) return;
      save(true);
      event.preventDefault();
      event.returnValue = "";
    });
    window.addEventListener("pagehide", function () {
      if (!leaving) save(true);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startTimers();
    var form = document.querySelector("[data-contact-form]");
    if (!form) return;
    bindCounters(form);
    bindAddQuestion(form);
    bindVerzoek(form);
    bindKennispaneel(form);
    bindAutosave(form);
  });
})();
