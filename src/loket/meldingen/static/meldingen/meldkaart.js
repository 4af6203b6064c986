/* The map of the melding form (Leaflet): a pin to click or drag, "mijn locatie", the address
 * search through the BAG, the check for similar meldingen nearby and the urgency question.
 * Without this script (or without Leaflet) the form still works: address and coordinates. */
(function () {
  "use strict";

  var form = document.querySelector("[data-meldformulier]");
  if (!form) return;

  var lat = form.querySelector("[name=lat]");
  var lon = form.querySelector("[name=lon]");
  var adres = form.querySelector("[name=adres]");
  var tekst = form.querySelector("[name=tekst]");
  var email = form.querySelector("[name=email]");
  var status = form.querySelector("[data-kaart-status]");
  var plekken = form.querySelector("[data-plekken]");
  var controleVak = form.querySelector("[data-controle-vak]");
  var urgentie = form.querySelector("[data-urgentie]");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]");

  /* --- validation on blur and submit, never on load ---------------------------------------- */

  var checks = {
    tekst: function (value) {
      return value.trim().length < 5 ? "Wat wilt u melden?: beschrijf wat er aan de hand is." : "";
    },
    email: function (value) {
      value = value.trim();
      return value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
        ? "Uw e-mailadres: dit e-mailadres klopt niet (bijvoorbeeld naam@voorbeeld.nl)."
        : "";
    },
  };

  function showError(input, message) {
    var field = input.closest(".utrecht-form-field");
    var id = input.id + "_error";
    var box = document.getElementById(id);
    if (!message) {
      if (box && box.hasAttribute("data-script")) box.remove();
      if (!document.getElementById(id)) {
        input.removeAttribute("aria-invalid");
        if (field) field.classList.remove("utrecht-form-field--invalid");
      }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "utrecht-form-field-error-message";
      box.id = id;
      box.setAttribute("data-script", "");
      var holder = input.closest(".utrecht-form-field__input");
      holder.parentNode.insertBefore(box, holder);
      var described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf(id) < 0) {
        described.push(id);
        input.setAttribute("aria-describedby", described.join(" ").trim());
      }
    }
    box.innerHTML = "";
    var p = document.createElement("p");
    p.className = "utrecht-paragraph";
    p.textContent = message;
    box.appendChild(p);
    input.setAttribute("aria-invalid", "true");
    if (field) field.classList.add("utrecht-form-field--invalid");
  }

  function validate(input) {
    var message = checks[input.name](input.value);
    showError(input, message);
    return !message;
  }

  [tekst, email].forEach(function (input) {
    if (!input) return;
    var touched = false;
    input.addEventListener("input", function () {
      touched = true;
      if (input.getAttribute("aria-invalid") === "true") validate(input);
    });
    input.addEventListener("blur", function () {
      if (touched) validate(input);
    });
  });

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.hasAttribute("formnovalidate")) return; // "volg deze melding"
    var ok = [tekst, email].filter(Boolean).map(validate).every(Boolean);
    if (!ok) {
      event.preventDefault();
      form.querySelector("[aria-invalid=true]").focus();
    }
  });

  /* --- the check: category, urgency question, similar meldingen nearby ---------------------- */

  var nearbyLayer = null;
  var controleTimer = null;
  var controleNummer = 0;

  function applyControle() {
    var box = controleVak.querySelector("[data-controle]");
    var asks = box && box.getAttribute("data-vraagt-urgentie") === "1";
    var answered = urgentie && urgentie.querySelector("input:checked");
    if (urgentie) urgentie.hidden = !(asks || answered);
    if (nearbyLayer) {
      nearbyLayer.clearLayers();
      controleVak.querySelectorAll("[data-dichtbij]").forEach(function (item) {
        var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
        L.circleMarker(point, {
          radius: 9, color: "#8a2b00", weight: 2, fillColor: "#f39200", fillOpacity: 0.8,
          interactive: false,
        }).addTo(nearbyLayer);
      });
    }
  }

  function controle() {
    clearTimeout(controleTimer);
    controleTimer = setTimeout(function () {
      if (!tekst.value.trim()) return;
      var nummer = ++controleNummer;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf.value);
      body.append("tekst", tekst.value);
      body.append("lat", lat.value);
      body.append("lon", lon.value);
      fetch(form.dataset.controleUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null || nummer !== controleNummer) return;
          controleVak.innerHTML = html;
          applyControle();
        })
        .catch(function () { /* the check is a help; the form works without it */ });
    }, 300);
  }

  tekst.addEventListener("change", controle);
  applyControle();

  /* --- the map ------------------------------------------------------------------------------ */

  if (!window.L) return; // Leaflet did not load: the address and coordinates stay
  form.querySelectorAll("[data-met-kaart]").forEach(function (el) { el.hidden = false; });
  form.querySelectorAll("[data-zonder-kaart], [data-coordinaten]").forEach(function (el) {
    el.hidden = true;
  });

  var bounds = JSON.parse(form.dataset.grens);
  var map = L.map(form.querySelector("[data-kaart]"), {
    zoomControl: false,
    attributionControl: true,
    maxBounds: L.latLngBounds(bounds).pad(0.5),
    minZoom: 11,
    zoomSnap: 0.25,
  });
  map.createPane("grondkaart").style.zIndex = 350; // above tiles, below pins and circles
  L.control.zoom({ zoomInTitle: "Inzoomen", zoomOutTitle: "Uitzoomen" }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.fitBounds(bounds);

  var tiles = form.dataset.tegels;
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: 19,
      attribution: "Kaart: Kadaster (PDOK), BRT-Achtergrondkaart",
    }).addTo(map);
  } else {
    map.attributionControl.addAttribution("Kaart: gemeente " + form.dataset.gemeente + " (BAG)");
  }
  fetch(form.dataset.kaartUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      L.geoJSON(data, {
        pane: "grondkaart",
        interactive: false,
        style: function (feature) {
          if (feature.properties.soort === "gemeentegrens") {
            return { color: "#2b5f8a", weight: 3, dashArray: "8 6", fill: !tiles, fillColor: "#f4f7f2", fillOpacity: 1 };
          }
          return { color: tiles ? "#2b5f8a" : "#9a9a9a", weight: tiles ? 0 : 4, opacity: tiles ? 0 : 1 };
        },
      }).addTo(map);
      if (!tiles) labelStreets(data);
    })
    .catch(function () { /* without the vector map the pin still works */ });

  /* Street names on Loket's own map, from zoom 16 on (tiles carry their own names). */
  var names = L.layerGroup();
  function labelStreets(data) {
    data.features.forEach(function (feature) {
      if (feature.properties.soort !== "straat") return;
      var line = feature.geometry.coordinates;
      var middle = line[Math.floor(line.length / 2)];
      L.tooltip({
        permanent: true, direction: "center", className: "meldkaart__straatnaam", interactive: false,
      }).setLatLng([middle[1], middle[0]]).setContent(feature.properties.naam).addTo(names);
    });
    showNames();
  }
  function showNames() {
    if (map.getZoom() >= 16) names.addTo(map);
    else names.remove();
  }
  map.on("zoomend", showNames);

  nearbyLayer = L.layerGroup().addTo(map);
  var marker = null;

  function round(value) { return Math.round(value * 1e6) / 1e6; }

  function setPoint(latlng, how) {
    lat.value = round(latlng.lat);
    lon.value = round(latlng.lng);
    if (!marker) {
      marker = L.marker(latlng, {
        draggable: true, keyboard: false, title: "Plek van de melding", alt: "Plek van de melding",
      }).addTo(map);
      marker.on("dragend", function () {
        setPoint(marker.getLatLng(), "gesleept");
        nameAddress();
      });
    } else {
      marker.setLatLng(latlng);
    }
    status.textContent = "Gekozen plek" + (how ? " (" + how + ")" : "") + ": " +
      lat.value.replace(".", ",") + "; " + lon.value.replace(".", ",") + "." +
      (L.latLngBounds(bounds).contains(latlng) ? "" :
        " Dit punt ligt buiten de gemeente " + form.dataset.gemeente +
        ": kies een plek binnen de gemeente.");
    controle();
  }

  if (lat.value && lon.value) {
    setPoint(L.latLng(parseFloat(lat.value), parseFloat(lon.value)), "");
    map.setView(marker.getLatLng(), 17);
  }
  /* A pin placed by click, drag or "mijn locatie" names the nearest address in the address
   * field, unless the citizen wrote something there themselves. */
  var autoAdres = !adres.value;
  adres.addEventListener("input", function () { autoAdres = !adres.value; });
  function nameAddress() {
    if (!autoAdres) return;
    var url = form.dataset.adresUrl + "?lat=" + lat.value + "&lon=" + lon.value;
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!autoAdres) return;
        adres.value = data.adres ? "Bij " + data.adres : "";
      })
      .catch(function () { /* the point alone will do */ });
  }

  map.on("click", function (event) {
    setPoint(event.latlng, "op de kaart");
    nameAddress();
  });

  /* --- address search (the keyboard way to place the pin) ----------------------------------- */

  function search() {
    var url = form.dataset.plekkenUrl + "?q=" + encodeURIComponent(adres.value);
    plekken.textContent = "Zoeken…";
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        plekken.innerHTML = html;
        var first = plekken.querySelector("[data-plek]");
        if (first) first.focus();
      })
      .catch(function () {
        plekken.textContent = "Zoeken lukt nu niet. Klik op de kaart of vul het adres in.";
      });
  }

  form.querySelector("[data-plek-zoeken]").addEventListener("click", search);
  adres.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
    }
  });
  plekken.addEventListener("click", function (event) {
    var button = event.target.closest("[data-plek]");
    if (!button) return;
    var point = L.latLng(parseFloat(button.dataset.lat), parseFloat(button.dataset.lon));
    adres.value = button.dataset.label;
    autoAdres = false;
    plekken.innerHTML = "";
    map.setView(point, 17);
    setPoint(point, button.dataset.label);
    adres.focus();
  });

  /* --- mijn locatie (optional: only where the browser offers it) ---------------------------- */

  var locate = form.querySelector("[data-mijn-locatie]");
  if (navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      status.textContent = "Uw locatie wordt opgevraagd…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var point = L.latLng(position.coords.latitude, position.coords.longitude);
          map.setView(point, 18);
          setPoint(point, "mijn locatie");
          nameAddress();
        },
        function () {
          status.textContent = "Uw locatie is niet beschikbaar. Zoek het adres of klik op de kaart.";
        },
        { enableHighAccuracy: true, timeout: 10000 }
      );
    });
  }
})();
