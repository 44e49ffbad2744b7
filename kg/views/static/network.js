(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var text = data.text;
  function el(tag, content, cls) { var e = document.createElement(tag); if (content) e.textContent = content; if (cls) e.className = cls; return e; }
  function tooltip(n) {
    var box = el("div", null, "tip");
    box.appendChild(el("b", n.label));
    box.appendChild(el("span", n.kindLabel + (n.district ? " · " + n.district : "") + (n.year ? " · " + n.year : "")));
    (n.details || []).slice(0, 8).forEach(function (line) { box.appendChild(el("div", line)); });
    return box;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var node = { id: n.id, label: n.label, shape: n.shape, size: n.size, color: n.color,
             physics: data.physics, title: tooltip(n), kind: n.kind, district: n.district, year: n.year, base: n.color };
    if (n.x !== null && n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var tip = el("div", e.relation, "tip");
    return { id: i, from: e.from, to: e.to, title: tip, width: e.width, color: { color: "#aab7b8" } };
  }));
  var active = {};
  document.querySelectorAll("input[data-kind]").forEach(function (box) { active[box.dataset.kind] = true; });
  function visible(n) {
    var d = document.getElementById("district").value;
    var from = document.getElementById("year-from").value, to = document.getElementById("year-to").value;
    if (!active[n.kind]) return false;
    if (d && n.district && n.district !== d) return false;
    if (d && !n.district && n.kind !== "person" && n.kind !== "agency") return false;
    if (n.year && ((from && n.year < from) || (to && n.year > to))) return false;
    return true;
  }
  var view = new vis.DataView(nodes, { filter: visible });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: view, edges: edges }, {
    physics: data.physics ? { stabilization: { iterations: 1000 } } : false, interaction: { hover: true, tooltipDelay: 120, navigationButtons: false },
    nodes: { font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" }, scaling: { label: { drawThreshold: 3 } } },
    edges: { smooth: false }
  });
  window.kgNetwork = network;
  window.kgReady = false;
  var mainNodes = data.nodes.filter(function (n) { return n.main; }).map(function (n) { return n.id; });
  if (mainNodes.length) network.fit({ nodes: mainNodes, animation: false });
  network.once("afterDrawing", function () { window.kgReady = true; document.body.dataset.ready = "true"; });
  function refresh() { view.refresh(); document.getElementById("count").textContent = view.length + " " + text.nodes; }
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { active[box.dataset.kind] = box.checked; refresh(); });
  });
  ["district", "year-from", "year-to"].forEach(function (id) { document.getElementById(id).addEventListener("change", refresh); });
  function highlight(id) {
    var keep = {}; keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: keep[n.id] ? n.base : "#e5e8e8" }; }));
    var n = nodes.get(id), info = document.getElementById("info");
    info.textContent = "";
    info.appendChild(el("h3", n.label));
    var src = data.nodes.filter(function (d) { return d.id === id; })[0];
    info.appendChild(el("p", src.kindLabel + (src.district ? " · " + src.district : "")));
    var list = el("ul");
    (src.details || []).forEach(function (line) { list.appendChild(el("li", line)); });
    network.getConnectedNodes(id).forEach(function (other) { var o = nodes.get(other); if (o) list.appendChild(el("li", "↔ " + o.label)); });
    info.appendChild(list);
  }
  function clear() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: n.base }; }));
    document.getElementById("info").textContent = "";
  }
  network.on("click", function (params) { if (params.nodes.length) highlight(params.nodes[0]); else clear(); });
  var byLabel = {};
  var list = document.getElementById("labels");
  data.nodes.forEach(function (n) {
    byLabel[n.label.toLowerCase()] = n.id;
    var option = document.createElement("option"); option.value = n.label; list.appendChild(option);
  });
  function search(value) {
    var wanted = value.trim().toLowerCase(), status = document.getElementById("search-result");
    if (!wanted) { status.textContent = ""; return; }
    var id = byLabel[wanted];
    if (id === undefined) {
      var keys = Object.keys(byLabel).filter(function (k) { return k.indexOf(wanted) !== -1; }).sort();
      id = keys.length ? byLabel[keys[0]] : undefined;
    }
    if (id === undefined) { status.textContent = text.not_found; return; }
    status.textContent = nodes.get(id).label;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    highlight(id);
  }
  document.getElementById("search").addEventListener("change", function (e) { search(e.target.value); });
  document.getElementById("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(e.target.value); });
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("input[data-kind]").forEach(function (box) { box.checked = true; active[box.dataset.kind] = true; });
    ["district", "year-from", "year-to", "search"].forEach(function (id) { document.getElementById(id).value = ""; });
    clear(); refresh(); network.fit();
  });
  window.kgSearch = search;
})();
