// Filters for the report. Listeners are attached here: the page's CSP forbids inline
// handlers and admits only this script, by hash.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var root = document.documentElement;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=type]"));
  var select = form.querySelector("select[name=section]");
  var search = form.querySelector("input[name=q]");
  var status = document.getElementById("f-status");
  var toggle = document.getElementById("f-toggle");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody.change"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.unchanged, section.doc-section"));
  var movedOnly = false;

  // The theme filter narrows 「主な変更」 and the KPI table too: an item belongs to the
  // themes of the rows it links to.
  var byId = {};
  rows.forEach(function (row) { byId[row.id] = row; });
  var linked = Array.prototype.slice.call(
    document.querySelectorAll("ol.highlights > li, table.kpis tbody tr"));
  var linkedThemes = linked.map(function (item) {
    var themes = {};
    item.querySelectorAll("a[href^='#']").forEach(function (a) {
      var row = byId[decodeURIComponent(a.getAttribute("href").slice(1))];
      if (row) {
        themes[row.dataset.section] = true;
      }
    });
    return themes;
  });

  // Full/half-width and case insensitive: 「ＡＩ」 finds 「AI」.
  function norm(s) {
    return s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }
  var texts = rows.map(function (row) { return norm(row.textContent); });

  // The sticky bar's height: anchors scroll clear of it (scroll-margin-top in report.css).
  function measureBar() {
    root.style.setProperty("--bar-h", form.offsetHeight + "px");
  }

  function apply() {
    var types = {};
    boxes.forEach(function (b) { types[b.value] = b.checked; });
    var section = select.value;
    var q = norm(search.value);
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = types[row.dataset.type] === true &&
        (section === "" || row.dataset.section === section) &&
        (q === "" || texts[i].indexOf(q) !== -1) &&
        (!movedOnly || row.dataset.moved === "1");
      row.classList.toggle("is-filtered", !ok);
      if (ok) {
        shown += 1;
      }
    });
    // A section or an unchanged block with nothing left to show disappears too.
    groups.forEach(function (g) {
      g.classList.toggle("is-filtered", g.querySelector("tbody.change:not(.is-filtered)") === null);
    });
    linked.forEach(function (item, i) {
      item.classList.toggle("is-filtered", section !== "" && linkedThemes[i][section] !== true);
    });
    status.textContent = shown + " / " + rows.length + " 件を表示";
    measureBar();
  }

  // The filter state lives in the URL hash (#types=added,removed&section=s-…&q=…), so a
  // filtered view can be shared; an anchor (#c-…) has no "=".
  function isState(hash) {
    return hash.indexOf("=") !== -1;
  }
  function save() {
    var p = new URLSearchParams();
    p.set("types", boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(","));
    if (select.value) {
      p.set("section", select.value);
    }
    if (search.value) {
      p.set("q", search.value);
    }
    if (movedOnly) {
      p.set("moved", "1");
    }
    history.replaceState(null, "", "#" + p.toString());
  }
  function restore(hash) {
    var p = new URLSearchParams(hash);
    if (p.has("types")) {
      var types = p.get("types").split(",");
      boxes.forEach(function (b) { b.checked = types.indexOf(b.value) !== -1; });
    }
    var section = p.get("section") || "";
    select.value = select.querySelector("option[value='" + CSS.escape(section) + "']") ? section : "";
    search.value = p.get("q") || "";
    movedOnly = p.get("moved") === "1";
    setUnchangedOpen(boxes.some(function (b) { return b.value === "unchanged" && b.checked; }));
    apply();
  }

  function setUnchangedOpen(open) {
    document.querySelectorAll("details.unchanged").forEach(function (d) { d.open = open; });
  }

  form.addEventListener("input", function () {
    apply();
    save();
  });
  form.addEventListener("change", function (event) {
    var t = event.target;
    if (t.name === "type" && t.value === "unchanged") {
      setUnchangedOpen(t.checked);
    }
    apply();
    save();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // On a phone the bar folds to one line: the controls open on demand.
  toggle.addEventListener("click", function () {
    var open = form.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    measureBar();
  });
  window.addEventListener("resize", measureBar);

  // Following a link: a shared filter state is restored; a row filtered out or collapsed
  // is shown, and lands below the sticky bar.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (isState(id)) {
      restore(id);
      return;
    }
    var el = id ? document.getElementById(id) : null;
    if (!el || !el.classList.contains("change")) {
      return;
    }
    if (el.classList.contains("is-filtered")) {
      form.reset();
      movedOnly = false;
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
    measureBar();
    el.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    reveal();
    if (isState(id)) {
      document.getElementById("sections").scrollIntoView({ block: "start" });
    }
  });

  // Printing shows every row: the collapsed unchanged blocks open, then close again.
  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = Array.prototype.map.call(document.querySelectorAll("details.unchanged"), function (d) {
      var open = d.open;
      d.open = true;
      return open;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details.unchanged").forEach(function (d, i) {
      d.open = wasOpen[i] === true;
    });
  });

  form.hidden = false;
  apply();
  reveal();
})();
