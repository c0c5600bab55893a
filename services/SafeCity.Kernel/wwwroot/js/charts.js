// Draws every <canvas data-chart='{"labels":[…],"series":[{name,values,style}]}'> with Chart.js.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var styles = {
    actual: { borderColor: "#1d70b8", backgroundColor: "#1d70b8", borderWidth: 3, pointRadius: 4 },
    target: { borderColor: "#00703c", backgroundColor: "#00703c", borderDash: [8, 4], borderWidth: 2, pointRadius: 0 },
    baseline: { borderColor: "#505a5f", backgroundColor: "#505a5f", borderDash: [2, 3], borderWidth: 2, pointRadius: 0 },
    trajectory: { borderColor: "#00703c", backgroundColor: "#00703c", borderWidth: 2, pointRadius: 0 },
    forecast: { borderColor: "#d4351c", backgroundColor: "#d4351c", borderDash: [4, 4], borderWidth: 2, pointRadius: 3 }
  };
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    new Chart(canvas, {
      type: "line",
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s) {
          return Object.assign({ label: s.name, data: s.values, spanGaps: true, tension: 0 }, styles[s.style] || {});
        })
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { y: { beginAtZero: true } }
      }
    });
  });
})();
