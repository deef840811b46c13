// Filters for the 新旧対照表. Listeners are attached here: the page's CSP forbids
// inline handlers and admits only this script, by hash.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=type]"));
  var select = form.querySelector("select[name=section]");
  var search = form.querySelector("input[name=q]");
  var status = document.getElementById("f-status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody.change"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.unchanged, section.doc-section"));

  // Full/half-width and case insensitive: 「ＡＩ」 finds 「AI」.
  function norm(s) {
    return s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }
  var texts = rows.map(function (row) { return norm(row.textContent); });

  function apply() {
    var types = {};
    boxes.forEach(function (b) { types[b.value] = b.checked; });
    var section = select.value;
    var q = norm(search.value);
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = types[row.dataset.type] === true &&
        (section === "" || row.dataset.section === section) &&
        (q === "" || texts[i].indexOf(q) !== -1);
      row.classList.toggle("is-filtered", !ok);
      if (ok) {
        shown += 1;
      }
    });
    // A section or an unchanged block with nothing left to show disappears too.
    groups.forEach(function (g) {
      g.classList.toggle("is-filtered", g.querySelector("tbody.change:not(.is-filtered)") === null);
    });
    status.textContent = shown + " / " + rows.length + " 件を表示";
  }

  function setUnchangedOpen(open) {
    document.querySelectorAll("details.unchanged").forEach(function (d) { d.open = open; });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", function (event) {
    var t = event.target;
    if (t.name === "type" && t.value === "unchanged") {
      setUnchangedOpen(t.checked);
    }
    apply();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  // Following a link to a filtered-out or collapsed row shows it.
  function reveal() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return; // a malformed fragment (#%E0%A4%A) names no row
    }
    var el = id ? document.getElementById(id) : null;
    if (!el || !el.classList.contains("change")) {
      return;
    }
    if (el.classList.contains("is-filtered")) {
      form.reset();
      boxes.forEach(function (b) {
        if (b.value === el.dataset.type) {
          b.checked = true;
        }
      });
      apply();
    }
    var details = el.closest("details");
    if (details) {
      details.open = true;
    }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);

  // Print everything: collapsed blocks open for the printout, then close again.
  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = Array.prototype.map.call(document.querySelectorAll("details"), function (d) {
      var open = d.open;
      d.open = true;
      return open;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details").forEach(function (d, i) {
      d.open = wasOpen[i] === true;
    });
  });

  form.hidden = false;
  apply();
  reveal();
})();
