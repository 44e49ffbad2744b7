(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var palette = ["#f2f3f4", "#d6eaf8", "#aed6f1", "#5dade2", "#2874a6", "#1b4f72"];
  var tip = document.getElementById("tip");
  function el(tag, content) { var e = document.createElement(tag); if (content !== undefined) e.textContent = content; return e; }
  // Classes of whole numbers: 0 alone, then up to five upper bounds ceil(max * i / 5) without
  // repeats, so a small maximum gives one class per value and every value has exactly one class.
  function bounds(max) {
    var ups = [];
    for (var i = 1; i <= 5; i++) { var u = Math.ceil(max * i / 5); if (u > 0 && ups.indexOf(u) === -1) ups.push(u); }
    return ups;
  }
  function classOf(v, ups) {
    if (!v) return 0;
    for (var k = 0; k < ups.length; k++) { if (v <= ups[k]) return k + 1; }
    return ups.length;
  }
  function shade() {
    var key = document.getElementById("measure").value;
    var max = 0;
    Object.keys(data.metrics).forEach(function (a) { max = Math.max(max, data.metrics[a][key] || 0); });
    var ups = bounds(max);
    document.querySelectorAll("path.m").forEach(function (p) {
      var v = (data.metrics[p.dataset.ags] || {})[key] || 0;
      var c = classOf(v, ups);
      p.style.fill = palette[c];
      p.dataset.cls = String(c);
    });
    var legend = document.getElementById("legend"); legend.textContent = "";
    var labels = ["0"];
    ups.forEach(function (u, k) {
      var low = k === 0 ? 1 : ups[k - 1] + 1;
      labels.push(low === u ? String(u) : low + "–" + u);
    });
    labels.forEach(function (text, i) {
      var row = el("div"); var sw = el("span"); sw.style.background = palette[i]; row.appendChild(sw);
      row.dataset.cls = String(i);
      row.appendChild(document.createTextNode(" " + text)); legend.appendChild(row);
    });
  }
  function describe(ags) {
    var m = data.metrics[ags] || {}, box = el("div");
    box.appendChild(el("b", m.name + " (" + m.district + ")"));
    [["hosted", 0], ["people", 1], ["initiatives", 2]].forEach(function (pair) {
      box.appendChild(el("div", data.labels[pair[1]] + ": " + (m[pair[0]] || 0)));
    });
    return box;
  }
  document.querySelectorAll("path.m").forEach(function (p) {
    p.addEventListener("mousemove", function (e) {
      tip.textContent = ""; tip.appendChild(describe(p.dataset.ags));
      tip.style.display = "block"; tip.style.left = (e.clientX + 14) + "px"; tip.style.top = (e.clientY + 10) + "px";
    });
    p.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    p.addEventListener("click", function () { select(p.dataset.ags); });
  });
  function select(ags) {
    document.querySelectorAll("path.m").forEach(function (p) { p.classList.toggle("hit", p.dataset.ags === ags); });
    var info = document.getElementById("info"); info.textContent = ""; info.appendChild(describe(ags));
  }
  var places = Object.keys(data.metrics).sort().map(function (ags) { return { l: data.metrics[ags].name, ags: ags }; });
  function search(value) {  /* the search of the other pages (search.js): exact, start, word, close spelling */
    var status = document.getElementById("search-result");
    if (!value.trim()) { status.textContent = ""; return; }
    var hits = window.kgSearch.find(places, value);
    if (!hits.length) { status.textContent = data.notFound; return; }
    status.textContent = hits[0].entry.l; select(hits[0].entry.ags);
  }
  document.getElementById("search").addEventListener("change", function (e) { search(e.target.value); });
  document.getElementById("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(e.target.value); });
  document.getElementById("measure").addEventListener("change", shade);
  shade();
  /* Place names only where they are readable: 8 px and more on the screen (hover names every place) */
  var svg = document.querySelector("#mapbox svg");
  function fitNames() {
    var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    svg.classList.toggle("small", 11 * scale < 8);
  }
  window.addEventListener("resize", fitNames);
  fitNames();
  document.body.dataset.ready = "true";
})();
