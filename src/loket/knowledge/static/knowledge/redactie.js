// The article form of the redactie: the sms counter and the product combobox (ARIA 1.2 combobox
// with a listbox; the suggestions come from the server via htmx). Without JavaScript the chips
// are checkboxes and a typed product name is resolved on saving.
(function () {
  "use strict";

  var kort = document.querySelector("textarea[data-counter]");
  var teller = document.getElementById("kort-teller");
  if (kort && teller) {
    var max = parseInt(kort.dataset.counter, 10);
    var update = function () {
      var n = kort.value.length;
      teller.textContent = n + " van " + max + " tekens" + (n > max ? " – te lang" : "");
      teller.classList.toggle("kennis-teller--te-lang", n > max);
    };
    kort.addEventListener("input", update);
    update();
  }

  var root = document.querySelector("[data-producten]");
  if (!root) return;
  var input = root.querySelector("[role=combobox]");
  var listbox = document.getElementById(input.getAttribute("aria-controls"));
  var chips = document.getElementById("producten-chips");
  var status = document.getElementById("producten-status");
  var active = -1;

  function options() {
    return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]"));
  }

  function setActive(index) {
    var opts = options();
    active = index;
    opts.forEach(function (opt, i) {
      opt.setAttribute("aria-selected", i === index ? "true" : "false");
      opt.classList.toggle("kennis-combobox__optie--actief", i === index);
    });
    if (index >= 0 && opts[index]) {
      input.setAttribute("aria-activedescendant", opts[index].id);
      opts[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(show) {
    listbox.hidden = !show;
    input.setAttribute("aria-expanded", show ? "true" : "false");
    if (!show) setActive(-1);
  }

  function enhanceChip(chip) {
    var box = chip.querySelector("input[type=checkbox]");
    var button = chip.querySelector("[data-chip-weg]");
    if (box) box.hidden = true; // still submitted; the button removes the chip
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var name = chip.querySelector("label").textContent;
        var next = chip.nextElementSibling || chip.previousElementSibling;
        chip.remove();
        showEmpty();
        status.textContent = name + " verwijderd.";
        var focus = next && next.querySelector("[data-chip-weg]");
        (focus || input).focus();
      });
    }
  }

  function showEmpty() {
    var empty = chips.querySelector("[data-chips-leeg]");
    var count = chips.querySelectorAll("[data-chip]").length;
    if (count === 0 && !empty) {
      empty = document.createElement("li");
      empty.className = "kennis-chips__leeg loket-muted";
      empty.setAttribute("data-chips-leeg", "");
      empty.textContent = "Nog geen producten gekozen.";
      chips.appendChild(empty);
    } else if (count > 0 && empty) {
      empty.remove();
    }
  }

  function choose(opt) {
    var id = opt.dataset.id;
    var name = opt.dataset.naam;
    if (!chips.querySelector("input[value='" + id + "']")) {
      var chip = document.createElement("li");
      chip.className = "kennis-chip";
      chip.setAttribute("data-chip", "");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "producten";
      box.value = id;
      box.id = "product-" + id;
      box.checked = true;
      box.className = "kennis-chip__vinkje";
      var label = document.createElement("label");
      label.className = "kennis-chip__naam";
      label.htmlFor = box.id;
      label.textContent = name;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kennis-chip__weg";
      button.setAttribute("data-chip-weg", "");
      button.setAttribute("aria-label", name + " verwijderen");
      button.textContent = "×";
      chip.appendChild(box);
      chip.appendChild(label);
      chip.appendChild(button);
      chips.appendChild(chip);
      enhanceChip(chip);
      showEmpty();
    }
    status.textContent = name + " toegevoegd.";
    input.value = "";
    listbox.innerHTML = "";
    open(false);
    input.focus();
  }

  Array.prototype.forEach.call(chips.querySelectorAll("[data-chip]"), enhanceChip);

  listbox.addEventListener("htmx:afterSwap", function () {
    var n = options().length;
    var none = listbox.querySelector("[data-geen]");
    open(n > 0 || !!none);
    setActive(-1);
    status.textContent = n
      ? n + (n === 1 ? " product gevonden" : " producten gevonden") + "; kies met pijltjes en Enter."
      : none ? none.textContent : "";
  });

  input.addEventListener("keydown", function (event) {
    var opts = options();
    if (event.key === "ArrowDown") {
      if (!opts.length) return;
      event.preventDefault();
      open(true);
      setActive(active < opts.length - 1 ? active + 1 : 0);
    } else if (event.key === "ArrowUp") {
      if (!opts.length) return;
      event.preventDefault();
      open(true);
      setActive(active > 0 ? active - 1 : opts.length - 1);
    } else if (event.key === "Enter") {
      if (!listbox.hidden && active >= 0 && opts[active]) {
        event.preventDefault(); // choose, do not submit the form
        choose(opts[active]);
      }
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        open(false);
      }
    }
  });

  listbox.addEventListener("mousedown", function (event) {
    event.preventDefault(); // keep the focus in the input
  });
  listbox.addEventListener("click", function (event) {
    var opt = event.target.closest("[role=option]");
    if (opt) choose(opt);
  });
  input.addEventListener("blur", function () {
    open(false);
  });
})();
