/* Draws the insight charts with Plotly from the JSON the page renders (json_script).
   Readable without colour: every series has its own marker symbol and dash pattern (lines) or
   fill pattern (bars), names are written next to the data, and the norm is a labelled dashed line.
   Each chart is followed by a table with the same figures. */
(function () {
  "use strict";
  var COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
  var SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross"];
  var DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid"];
  var PATTERNS = ["", "/", ".", "x", "-", "|", "+"];

  // Dutch notation everywhere (decimal comma, thousands point): axis ticks and tooltips through
  // Plotly's `separators`, the texts written here through nl().
  var NL = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
  function nl(v) { return v === null || v === undefined ? "" : NL.format(v); }

  function draw(spec) {
    var el = document.getElementById(spec.id);
    if (!el || typeof Plotly === "undefined") { return; }
    var suffix = spec.eenheid === "%" ? "%" : (spec.eenheid === "s" ? " s" : "");
    var liggend = spec.soort === "trechter";  // a funnel: horizontal bars, first step on top
    var traces = spec.reeksen.map(function (r, i) {
      if (liggend) {
        return {
          type: "bar", orientation: "h", name: r.naam, y: spec.x, x: r.y, cliponaxis: false,
          marker: { color: COLOURS[i % 7] },
          text: r.y.map(function (v) { return v === null ? "" : nl(v) + suffix; }),
          textposition: "outside",
          hovertemplate: r.naam + ": %{x:,.1~f}" + suffix + "<extra>%{y}</extra>"
        };
      }
      if (spec.soort === "staaf") {
        return {
          type: "bar", name: r.naam, x: spec.x, y: r.y,
          marker: { color: COLOURS[i % 7], pattern: { shape: PATTERNS[i % 7], fillmode: "overlay", fgcolor: "#ffffff", solidity: 0.3 } },
          text: r.y.map(function (v) { return v === null ? "" : nl(v) + suffix; }),
          textposition: spec.reeksen.length > 1 ? "inside" : "outside",
          hovertemplate: r.naam + ": %{y:,.1~f}" + suffix + "<extra>%{x}</extra>"
        };
      }
      return {
        type: "scatter", mode: "lines+markers", name: r.naam, x: spec.x, y: r.y, connectgaps: false,
        line: { color: COLOURS[i % 7], dash: DASHES[i % 7], width: 2 },
        marker: { symbol: SYMBOLS[i % 7], size: 8, color: COLOURS[i % 7] },
        hovertemplate: r.naam + ": %{y:,.1~f}" + suffix + "<extra>%{x}</extra>"
      };
    });
    var shapes = [], annotations = [];
    // On a phone the names beside the line ends do not fit: the legend names the series there.
    var smal = el.clientWidth < 560;
    if (spec.soort === "lijn" && !smal) {
      spec.reeksen.forEach(function (r, i) {
        for (var k = r.y.length - 1; k >= 0; k--) {
          if (r.y[k] !== null) {
            annotations.push({ x: spec.x[k], y: r.y[k], text: r.naam, showarrow: false, xanchor: "left", xshift: 8,
                               font: { color: COLOURS[i % 7], size: 12 } });
            break;
          }
        }
      });
    }
    if (spec.norm !== null && spec.norm !== undefined) {
      shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, y0: spec.norm, y1: spec.norm,
                    line: { color: "#333333", width: 2, dash: "dash" } });
      annotations.push({ xref: "paper", x: 0, y: spec.norm, yanchor: "bottom", xanchor: "left", showarrow: false,
                         text: (spec.norm_naam || "Norm") + ": " + nl(spec.norm) + suffix, font: { size: 12, color: "#333333" } });
    }
    var layout = {
      barmode: spec.reeksen.length > 1 ? "stack" : "group",
      margin: { t: 20, r: 120, b: 60, l: 60 },
      height: 340,
      separators: ",.",
      font: { family: "inherit", size: 13 },
      legend: { orientation: "h", y: -0.25 },
      yaxis: { ticksuffix: suffix, rangemode: "tozero", gridcolor: "#dddddd" },
      xaxis: { type: "category", automargin: true },
      shapes: shapes, annotations: annotations
    };
    if (spec.soort !== "lijn" || smal) { layout.margin.r = 20; }  // names beside lines need room
    if (smal && !liggend) {
      layout.height = 420;
      layout.margin.b = 40;
      layout.legend = { orientation: "h", x: 0, xanchor: "left", y: -0.3, yanchor: "top" };
    }
    if (liggend) {
      layout.height = Math.max(340, 60 + 44 * spec.x.length);
      layout.margin = { t: 10, r: 50, b: 40, l: 10 };
      layout.showlegend = false;
      layout.xaxis = { ticksuffix: suffix, rangemode: "tozero", gridcolor: "#dddddd", automargin: true };
      layout.yaxis = { type: "category", autorange: "reversed", automargin: true };
    }
    Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true,
      modeBarButtonsToRemove: ["select2d", "lasso2d"] });
  }

  function init() {
    var data = document.getElementById("insights-grafieken");
    if (!data) { return; }
    JSON.parse(data.textContent).forEach(draw);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
