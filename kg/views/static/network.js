(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var text = data.text;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function $(id) { return document.getElementById(id); }
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
                 font: { size: n.hub ? 18 : 13 }, physics: data.physics, title: tooltip(n), base: n.color };
    if (n.x !== null && n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, title: el("div", e.relation, "tip"), width: e.width, color: { color: "#aab7b8" } };
  }));
  var active = {};
  document.querySelectorAll("input[data-kind]").forEach(function (box) { active[box.dataset.kind] = true; });
  function visible(n) {
    n = byId[n.id];
    var d = $("district").value, from = $("year-from").value, to = $("year-to").value;
    if (!active[n.kind]) return false;
    if (d && n.district && n.district !== d) return false;
    if (d && !n.district && n.kind !== "person" && n.kind !== "agency") return false;
    if (n.year && ((from && n.year < from) || (to && n.year > to))) return false;
    return true;
  }
  var view = new vis.DataView(nodes, { filter: visible });
  var network = new vis.Network($("graph"), { nodes: view, edges: edges }, {
    physics: data.physics ? { stabilization: { iterations: 1000 } } : false,
    interaction: { hover: true, tooltipDelay: 120, keyboard: { enabled: true, bindToWindow: false } },
    nodes: { font: { strokeWidth: 3, strokeColor: "#ffffff" }, scaling: { label: { drawThreshold: data.nodes.length < 60 ? 5 : 10 } } },
    edges: { smooth: false }
  });
  window.kgNetwork = network;
  window.kgReady = false;
  /* Hub labels stay readable at any zoom (about 14 px on screen); the others show from the
     zoom at which they are 8 px and more. */
  var hubs = data.nodes.filter(function (n) { return n.hub; }).map(function (n) { return n.id; });
  function scaleLabels() {
    var s = network.getScale(), size = Math.max(18, Math.min(90, Math.round(14 / s)));
    nodes.update(hubs.map(function (id) { return { id: id, font: { size: size } }; }));
  }
  function firstView() {
    /* the largest connected part, framed by its node positions (labels do not count: vis-network's
       own fit would measure them at their current, zoom-dependent size) */
    var main = data.nodes.filter(function (n) { return n.main && n.x !== null && n.x !== undefined; });
    var box = $("graph");
    if (!main.length || !box.clientWidth || !box.clientHeight) { network.fit({ animation: false }); scaleLabels(); return; }
    var xs = main.map(function (n) { return n.x; }), ys = main.map(function (n) { return n.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs), minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var scale = Math.min(box.clientWidth / (maxX - minX + 120), box.clientHeight / (maxY - minY + 120), 1.5);
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale, animation: false });
    scaleLabels();
  }
  network.on("zoom", function () { moved = true; scaleLabels(); });
  var moved = false;  /* until someone zooms or drags, the first view follows the window's size */
  network.on("dragStart", function () { moved = true; });
  network.on("resize", function () { if (!moved && selected === null) firstView(); });
  network.once("afterDrawing", function () {
    /* vis-network frames the whole graph once after its first drawing; ours comes after that */
    window.setTimeout(function () {
      if (!moved && selected === null) firstView();
      window.kgReady = true; document.body.dataset.ready = "true";
    }, 0);
  });

  /* The state of the view lives in the address (#q=…&kinds=…&d=…&from=…&to=…&sel=…), so a link
     reopens the view as it was. */
  var selected = null, restoring = false;
  function writeState() {
    if (restoring) return;
    var state = [], off = Object.keys(active).filter(function (k) { return !active[k]; });
    if ($("search").value) state.push("q=" + encodeURIComponent($("search").value));
    if (off.length) state.push("hide=" + off.map(encodeURIComponent).join(","));
    [["d", "district"], ["from", "year-from"], ["to", "year-to"]].forEach(function (p) {
      if ($(p[1]).value) state.push(p[0] + "=" + encodeURIComponent($(p[1]).value));
    });
    if (selected !== null) state.push("sel=" + encodeURIComponent(selected));
    var hash = state.length ? "#" + state.join("&") : "";
    if (window.location.hash !== hash) history.replaceState(null, "", hash || window.location.pathname + window.location.search);
  }
  function readState() {
    var state = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) { try { state[part.slice(0, i)] = decodeURIComponent(part.slice(i + 1)); } catch (e) { /* a broken link: ignored */ } }
    });
    return state;
  }
  function setSelect(id, value) {
    var box = $(id);
    for (var i = 0; i < box.options.length; i++) { if (box.options[i].value === value || box.options[i].text === value) { box.value = box.options[i].value; return; } }
  }
  function refresh() { view.refresh(); $("count").textContent = view.length + " " + text.nodes; writeState(); }
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { active[box.dataset.kind] = box.checked; refresh(); });
  });
  ["district", "year-from", "year-to"].forEach(function (id) { $(id).addEventListener("change", refresh); });

  function highlight(id) {
    selected = id;
    var keep = {}; keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: keep[n.id] ? n.base : "#e5e8e8" }; }));
    var src = byId[id], info = $("info");
    info.textContent = "";
    info.appendChild(el("h3", src.label));
    info.appendChild(el("p", src.kindLabel + (src.district ? " · " + src.district : "")));
    if (src.href) { var a = el("a", text.open + " →"); a.href = src.href; info.appendChild(a); }
    var list = el("ul");
    (src.details || []).forEach(function (line) { list.appendChild(el("li", line)); });
    network.getConnectedNodes(id).forEach(function (other) { var o = byId[other]; if (o) list.appendChild(el("li", "↔ " + o.label)); });
    info.appendChild(list);
    writeState();
  }
  function clear() {
    selected = null;
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: n.base }; }));
    $("info").textContent = "";
    writeState();
  }
  network.on("click", function (params) { if (params.nodes.length) highlight(params.nodes[0]); else clear(); });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && byId[params.nodes[0]].href) window.location.href = byId[params.nodes[0]].href;
  });

  function show(id) {
    var status = $("search-result"), n = byId[id];
    $("choices").textContent = "";
    if (!view.get(id)) {
      status.textContent = text.hidden_match.replace("{label}", n.label);
      var button = el("button", text.show_all); button.type = "button";
      button.addEventListener("click", function () { reset(false); show(id); });
      $("choices").appendChild(button);
      return;
    }
    status.textContent = n.label + " – " + n.kindLabel;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    scaleLabels();
    highlight(id);
  }
  function search(value) {
    var status = $("search-result"), choices = $("choices");
    choices.textContent = "";
    if (!value.trim()) { status.textContent = ""; writeState(); return; }
    var hits = window.kgSearch.find(data.nodes, value, function (n) { return n.label; });
    writeState();
    if (!hits.length) { status.textContent = text.not_found; return; }
    var best = hits.filter(function (h) { return h.rank === hits[0].rank; });
    if (best.length === 1) {  /* one best match: shown, the next ones offered */
      show(hits[0].entry.id);
      if (hits.length > 1 && hits[0].rank > 0) offer(hits.slice(1, 8), false);
      return;
    }
    status.textContent = text.choose;
    offer(hits.slice(0, 12), true);
  }
  function offer(hits, main) {
    hits.forEach(function (h) {
      var b = el("button", h.entry.label + " – " + h.entry.kindLabel); b.type = "button";
      b.addEventListener("click", function () { show(h.entry.id); });
      $("choices").appendChild(b);
    });
    if (!main) $("choices").insertBefore(el("p", text.choose, "small"), $("choices").firstChild);
  }
  $("search").addEventListener("change", function (e) { search(e.target.value); });
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(e.target.value); });
  function reset(refit) {
    document.querySelectorAll("input[data-kind]").forEach(function (box) { box.checked = true; active[box.dataset.kind] = true; });
    ["district", "year-from", "year-to"].forEach(function (id) { $(id).value = ""; });
    refresh();
    if (refit) { $("search").value = ""; $("search-result").textContent = ""; $("choices").textContent = ""; clear(); firstView(); }
  }
  $("reset").addEventListener("click", function () { reset(true); });
  $("png").addEventListener("click", function () {
    var canvas = $("graph").querySelector("canvas"), copy = document.createElement("canvas");
    copy.width = canvas.width; copy.height = canvas.height;
    var ctx = copy.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, copy.width, copy.height); ctx.drawImage(canvas, 0, 0);
    var a = document.createElement("a");
    a.download = (document.title || "network").replace(/[^\wäöüÄÖÜß-]+/g, "-") + ".png";
    a.href = copy.toDataURL("image/png");
    document.body.appendChild(a); a.click(); a.remove();
  });
  if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) $("filters").open = false;

  firstView();
  var state = readState();
  restoring = true;
  if (state.hide) state.hide.split(",").forEach(function (k) {
    var box = document.querySelector('input[data-kind="' + (window.CSS && CSS.escape ? CSS.escape(k) : k) + '"]');
    if (box) { box.checked = false; active[k] = false; }
  });
  if (state.d) setSelect("district", state.d);
  if (state.from) setSelect("year-from", state.from);
  if (state.to) setSelect("year-to", state.to);
  view.refresh(); $("count").textContent = view.length + " " + text.nodes;
  if (state.q) { $("search").value = state.q; }
  if (state.sel && byId[state.sel]) show(state.sel);
  else if (state.q) search(state.q);
  restoring = false;
  writeState();
})();
