(function () {
  "use strict";
  // Without this script every row and both views stay visible; the script only adds controls.
  var all = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };
  var controls = document.getElementById("controls");
  var form = document.getElementById("filters");
  var aligned = document.getElementById("aligned");
  var redline = document.getElementById("redline");
  var status = document.getElementById("status");
  var empty = document.getElementById("empty");
  var rowsBox = document.getElementById("rows");
  var items = all("#rows > *");
  var rows = items.filter(function (el) { return el.classList.contains("change"); });
  var buttons = all(".views button", controls);

  function checked(name) {
    return all("input[name='" + name + "']:checked", form).map(function (input) { return input.value; });
  }

  function passes(row, kinds, shifts, topic, only, review) {
    var d = row.dataset;
    var topics = d.topics ? d.topics.split(" ") : [];
    return d.tags.split(" ").some(function (tag) { return kinds.indexOf(tag) >= 0; }) &&
      (!d.shift || shifts.indexOf(d.shift) >= 0) &&
      (!topic || (topic === "*" ? topics.length > 0 : topics.indexOf(topic) >= 0)) &&
      (!only || d.change === "1") &&
      (!review || d.review === "1");
  }

  function apply() {
    var kinds = checked("kind"), shifts = checked("shift");
    var topic = form.elements.topic.value, only = form.elements.only.checked, review = form.elements.review.checked;
    var shown = 0, heading = null;
    items.forEach(function (el) {
      if (el.classList.contains("sec")) {
        heading = el;
        el.hidden = true;
      } else if (el.dataset.tags) {
        el.hidden = !passes(el, kinds, shifts, topic, only, review);
        if (!el.hidden && heading) heading.hidden = false;
        if (!el.hidden) shown += Number(el.dataset.count || 1);
      }
    });
    all(".origin", aligned).forEach(function (el) {
      el.hidden = document.getElementById(el.dataset.target).hidden;
    });
    status.textContent = "Showing " + shown + " of " + rowsBox.dataset.total + " points";
    empty.hidden = shown > 0;
  }

  function show(view) {
    aligned.hidden = view !== "aligned";
    redline.hidden = view !== "redline";
    form.hidden = view !== "aligned";
    status.hidden = view !== "aligned";
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.view === view)); });
  }

  // Make a link target visible: switch to its view, and relax the filters that hide it.
  function reveal(target) {
    if (redline.contains(target)) show("redline");
    if (aligned.contains(target)) show("aligned");
    if (target.hidden) {
      form.reset();
      apply();
    }
    if (target.hidden) {
      form.elements.only.checked = false;
      form.elements.review.checked = false;
      apply();
    }
  }

  function steps() {
    if (!redline.hidden) return all(".rl", redline);
    return rows.filter(function (el) { return !el.hidden && el.dataset.change === "1"; });
  }

  function step(direction) {
    var list = steps();
    var at = list.indexOf(document.activeElement);
    if (at < 0) {
      var top = Math.max(0, controls.getBoundingClientRect().bottom) + 4;
      var below = list.findIndex(function (el) { return el.getBoundingClientRect().top > top; });
      if (below < 0) below = list.length;
      at = direction > 0 ? below - 1 : below;
    }
    var next = list[at + direction];
    if (next) {
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("keydown", function (event) {
    var direction = { n: 1, j: 1, p: -1, k: -1 }[event.key];
    if (!direction || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    // Letters type into text fields and pick options in a select; checkboxes have no use for them.
    if (event.target.closest("input:not([type=checkbox]), select, textarea, [contenteditable]")) return;
    event.preventDefault();
    step(direction);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    reveal(target);
    window.setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
  });

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.view); });
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

  document.documentElement.classList.add("js");
  controls.hidden = false;
  show("aligned");
  apply();
  var initial = location.hash && document.getElementById(location.hash.slice(1));
  if (initial) {
    reveal(initial);
    initial.scrollIntoView();
  }
})();
