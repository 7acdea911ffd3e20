/* Progress charts (ECharts). Each chart is an element with data-progress-chart whose
   data-source names a <script type="application/json"> the server wrote (json_script),
   so this file holds no text of its own. Without JavaScript the chart stays hidden and
   its table (data-fallback) is shown instead; once drawn, the table stays for screen
   readers only. */
(function () {
  "use strict";

  var FONT = 14;

  function statusOption(data) {
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: data.labels, axisLabel: { fontSize: FONT } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{
        type: "bar", barMaxWidth: 56,
        data: data.values.map(function (value, i) {
          return { value: value, itemStyle: { color: data.colors[i] } };
        }),
        label: { show: true, position: "top", fontSize: FONT }
      }]
    };
  }

  // Members or items as rows of horizontal bars: long Chinese labels stay readable on a
  // phone, and many rows just make the chart taller.
  function barsOption(data) {
    var stacked = data.kind === "stacked";
    var unit = data.unit || "";
    return {
      aria: { enabled: true },
      legend: { top: 0, textStyle: { fontSize: FONT } },
      grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      yAxis: { type: "category", data: data.categories, inverse: true,
               axisLabel: { fontSize: FONT, width: 150, overflow: "truncate" } },
      xAxis: { type: "value", max: data.max, minInterval: 1,
               axisLabel: { formatter: "{value}" + unit } },
      series: data.series.map(function (serie) {
        return {
          type: "bar", name: serie.name, data: serie.values, barMaxWidth: 18,
          stack: stacked ? "all" : undefined, itemStyle: { color: serie.color },
          label: { show: !stacked, position: "right", formatter: "{c}" + unit }
        };
      })
    };
  }

  function draw(element) {
    if (element.dataset.drawn || typeof window.echarts === "undefined") {
      return;
    }
    var source = document.getElementById(element.dataset.source);
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (data.kind !== "status") {
      var rows = data.categories.length;
      var perRow = data.kind === "items" ? 46 : 30;
      element.style.height = Math.max(180, 60 + rows * perRow) + "px";
    }
    element.hidden = false;
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(data.kind === "status" ? statusOption(data) : barsOption(data));
    element.dataset.drawn = "1";
    var fallback = document.querySelector('[data-fallback="' + element.id + '"]');
    if (fallback) {
      fallback.classList.add("visually-hidden");
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll() {
    document.querySelectorAll("[data-progress-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
