// The query page: examples from the catalog, parameters as fields, results as a table, and the
// query in the address (a link reproduces it). Every value reaches the page as text (textContent),
// links only for http(s) IRIs; the graph's own IRIs lead to their pages on this server.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("query-data").textContent);
  var w = data.words, byName = {};
  var BASE = "https://w3id.org/swf-kg/";
  var select = document.getElementById("example"), editor = document.getElementById("editor");
  var fields = document.getElementById("param-fields"), paramsBox = document.getElementById("params");
  var results = document.getElementById("results"), statusLine = document.getElementById("status");
  var errorBox = document.getElementById("error"), share = document.getElementById("share");
  var edited = document.getElementById("edited"), summary = document.getElementById("summary");
  var RESERVED = {name: 1, query: 1, format: 1, lang: 1};

  data.examples.forEach(function (ex) {
    byName[ex.name] = ex;
    var option = document.createElement("option");
    option.value = ex.name;
    option.textContent = ex.name;
    select.appendChild(option);
  });

  function fill(text, vars) { return text.replace(/\{(\w+)\}/g, function (_, k) { return vars[k]; }); }

  function showParams(ex, values) {
    fields.textContent = "";
    var params = ex ? ex.params : [];
    paramsBox.hidden = params.length === 0;
    params.forEach(function (p) {
      var label = document.createElement("label"), input = document.createElement("input");
      label.htmlFor = "param-" + p.name;
      label.textContent = p.name + (p.description ? " – " + p.description : "") + " (" + p.type + ")";
      input.id = "param-" + p.name;
      input.name = p.name;
      input.value = values && values[p.name] != null ? values[p.name] : (p.default == null ? "" : p.default);
      fields.appendChild(label);
      fields.appendChild(input);
    });
  }

  function choose(name, text, values) {
    var ex = byName[name] || null;
    select.value = ex ? name : "";
    summary.textContent = ex ? ex.summary : "";
    editor.value = text != null ? text : (ex ? ex.text : editor.value);
    showParams(ex, values);
    markEdited();
  }

  function markEdited() {
    var ex = byName[select.value];
    edited.hidden = !(ex && editor.value !== ex.text);
  }

  function requestParams() {
    var params = new URLSearchParams(), ex = byName[select.value];
    if (ex) params.set("name", ex.name);
    if (!ex || editor.value !== ex.text) params.set("query", editor.value);
    Array.prototype.forEach.call(fields.querySelectorAll("input"), function (input) {
      if (input.value !== "" && !RESERVED[input.name]) params.set(input.name, input.value);
    });
    params.set("lang", data.lang);
    return params;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri" && /^https?:\/\//.test(term.value)) {
      var a = document.createElement("a");
      a.href = term.value.indexOf(BASE + "id/") === 0 ? "/" + term.value.slice(BASE.length) : term.value;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function table(json) {
    var t = document.createElement("table"), head = document.createElement("tr");
    json.head.vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      head.appendChild(th);
    });
    var thead = document.createElement("thead"), tbody = document.createElement("tbody");
    thead.appendChild(head);
    json.results.bindings.forEach(function (row) {
      var tr = document.createElement("tr");
      json.head.vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
      tbody.appendChild(tr);
    });
    t.appendChild(thead);
    t.appendChild(tbody);
    return t;
  }

  function setDownloads(box, params) {
    box.hidden = false;
    Array.prototype.forEach.call(box.querySelectorAll("a"), function (a) {
      var p = new URLSearchParams(params);
      p.set("format", a.getAttribute("data-format"));
      a.href = "/query/run?" + p.toString();
    });
  }

  function run() {
    var params = requestParams(), started = Date.now();
    var link = "/query?" + params.toString();
    history.replaceState(null, "", link);
    share.href = link;
    results.textContent = "";
    errorBox.hidden = true;
    document.getElementById("downloads").hidden = true;
    document.getElementById("graph-downloads").hidden = true;
    statusLine.textContent = w.running;
    fetch("/query/run?" + params.toString(), {headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}})
      .then(function (response) {
        return response.text().then(function (body) { return {response: response, body: body}; });
      })
      .then(function (r) {
        var ms = Date.now() - started, type = r.response.headers.get("content-type") || "";
        if (!r.response.ok) {
          statusLine.textContent = "";
          document.getElementById("error-title").textContent = fill(w.failed, {status: r.response.status});
          document.getElementById("error-text").textContent = r.body;
          errorBox.hidden = false;
          return;
        }
        if (type.indexOf("json") >= 0) {
          var json = JSON.parse(r.body);
          if (typeof json.boolean === "boolean") {
            statusLine.textContent = json.boolean ? w.yes : w.no;
            return;
          }
          var n = json.results.bindings.length;
          statusLine.textContent = fill(w.rows, {n: n, ms: ms}) + (n === 0 ? " " + w.empty : "");
          if (n > 0) results.appendChild(table(json));
          setDownloads(document.getElementById("downloads"), params);
        } else {
          statusLine.textContent = fill(w.graph, {ms: ms});
          var pre = document.createElement("pre");
          pre.textContent = r.body;
          results.appendChild(pre);
          setDownloads(document.getElementById("graph-downloads"), params);
        }
      })
      .catch(function (e) {
        statusLine.textContent = "";
        document.getElementById("error-title").textContent = fill(w.failed, {status: "-"});
        document.getElementById("error-text").textContent = String(e);
        errorBox.hidden = false;
      });
  }

  select.addEventListener("change", function () { choose(select.value, null, null); });
  editor.addEventListener("input", markEdited);
  document.getElementById("query-form").addEventListener("submit", function (e) { e.preventDefault(); run(); });

  var start = new URLSearchParams(location.search), values = {};
  start.forEach(function (v, k) { if (!RESERVED[k]) values[k] = v; });
  if (start.get("name") || start.get("query")) {
    choose(start.get("name") || "", start.get("query"), values);
    run();
  } else {
    choose(data.examples.length ? data.examples[0].name : "", null, null);
  }
})();
