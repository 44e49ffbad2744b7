(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("index-data").textContent);
  var input = document.getElementById("find"), hits = document.getElementById("hits"),
      status = document.getElementById("find-status");
  function show() {
    hits.textContent = "";
    var value = input.value.trim();
    if (!value) { status.textContent = ""; return; }
    var found = window.kgSearch.find(data.entries, value);
    status.textContent = found.length ? data.words.found.replace("{n}", found.length) : data.words.none;
    found.slice(0, 25).forEach(function (hit) {
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = hit.entry.h; a.textContent = hit.entry.l;
      kind.className = "k"; kind.textContent = " – " + hit.entry.k;
      li.appendChild(a); li.appendChild(kind); hits.appendChild(li);
    });
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { var first = hits.querySelector("a"); if (first) window.location.href = first.getAttribute("href"); }
  });
  if (input.value) show();
})();
