/* Finding things by what people type: exact name first, then the start of the name, then the
   start of a word, then anywhere, then close spellings. Umlauts are folded both ways
   (Lüdenscheid = Luedenscheid = Ludenscheid), case and accents are ignored. */
window.kgSearch = (function () {
  "use strict";
  function base(s) {
    return String(s).toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function forms(s) {  // ü as "ue" and as "u"
    var lower = String(s).toLowerCase();
    var a = base(lower.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue"));
    var b = base(lower);
    var c = b.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
    return [a, b, c].filter(function (form, i, all) { return all.indexOf(form) === i; });
  }
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i]; var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < best) best = cur[j];
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }
  function rank(label, wanted) {  // 0 exact … 4 close spelling; -1 no match
    var best = -1;
    forms(label).forEach(function (l) {
      wanted.forEach(function (q) {
        var r = -1;
        if (l === q) r = 0;
        else if (l.indexOf(q) === 0) r = 1;
        else if ((" " + l).indexOf(" " + q) !== -1) r = 2;
        else if (l.indexOf(q) !== -1) r = 3;
        else if (q.length >= 4) {
          var limit = q.length <= 6 ? 1 : 2;
          var words = l.split(" ").concat([l]);
          for (var i = 0; i < words.length; i++) { if (distance(words[i], q, limit) <= limit) { r = 4; break; } }
          if (r === -1) {  // a close spelling of a name of several words
            var n = q.split(" ").length, parts = l.split(" ");
            for (var k = 0; k + n <= parts.length; k++) {
              if (distance(parts.slice(k, k + n).join(" "), q, limit) <= limit) { r = 4; break; }
            }
          }
        }
        if (r !== -1 && (best === -1 || r < best)) best = r;
      });
    });
    return best;
  }
  /* entries: [{label, ...}]; returns the matching entries, best first, each with its rank. */
  function find(entries, text, labelOf) {
    labelOf = labelOf || function (e) { return e.l; };
    var wanted = forms(text);
    if (!wanted[0]) return [];
    var hits = [];
    entries.forEach(function (e, i) {
      var r = rank(labelOf(e), wanted);
      if (r !== -1) hits.push({ entry: e, rank: r, order: i });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || labelOf(a.entry).length - labelOf(b.entry).length || a.order - b.order;
    });
    return hits;
  }
  return { find: find, forms: forms };
})();
