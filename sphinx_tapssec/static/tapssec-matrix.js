/* sphinx-tapssec: the interactive interface matrix (progressive enhancement).
 *
 * Works on every `table.tapssec-matrix` of the page. The table is complete without this
 * script; with it the reader can filter rows and columns, see the row and column of the
 * cell under the pointer or the keyboard focus, read each code's full name in a tooltip
 * that stays while the pointer is on it (Escape hides it), and share the filter in the URL.
 * The table stays a plain data table: screen readers keep their own table navigation, and
 * Tab moves through its links.
 *
 * What a row or a column is about comes from classes written by the extension
 * (render/matrix_classes.py): tapssec-phase-*, tapssec-interface-* on header cells and
 * tapssec-protocol-*, tapssec-category-*, tapssec-transport-* on body rows. The names of
 * those ids come from the data-* attributes (JSON) of the block's hidden
 * div.tapssec-matrix-labels. No dependencies, no network.
 */
(function () {
  "use strict";

  var GROUPS = [
    // key, where the values live, legend, how chosen values combine
    { key: "phase", on: "column", legend: "Phase (columns)" },
    { key: "category", on: "row", legend: "Category" },
    { key: "transport", on: "row", legend: "Runs over" },
    { key: "iface", on: "row", legend: "Exposes all of" },
  ];

  var KINDS = ["phase", "category", "transport", "interface", "protocol", "messages"];
  /* How long the tooltip stays after the pointer leaves the cell, so that it can be reached. */
  var HIDE_DELAY = 400;

  /* kind -> id -> name, from the data-* attributes of the block's labels element. */
  function readLabels(block) {
    var element = block && block.querySelector(".tapssec-matrix-labels");
    var labels = {};
    KINDS.forEach(function (kind) {
      var value = element && element.getAttribute("data-" + kind);
      try {
        labels[kind] = value ? JSON.parse(value) : {};
      } catch (error) {
        labels[kind] = {};
      }
    });
    return labels;
  }

  /* Percent-encoding, except for the ":" and "," that the filter parameters are made of. */
  function queryValue(text) {
    return encodeURIComponent(text).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
  }

  function classValues(element, kind) {
    var prefix = "tapssec-" + kind + "-";
    var result = [];
    element.classList.forEach(function (name) {
      if (name.indexOf(prefix) === 0) result.push(name.slice(prefix.length));
    });
    return result;
  }

  function make(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") element.textContent = attributes[name];
      else element.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  function cellText(cell) {
    var clone = cell.cloneNode(true);
    clone.querySelectorAll(".tapssec-a11y, sup, .headerlink").forEach(function (node) {
      node.remove();
    });
    return clone.textContent.trim();
  }

  /* Our tooltip shows a link's name on hover and on focus; the native one would double it. */
  function dropTitle(cell) {
    var link = cell.querySelector("a[title]");
    if (link) link.removeAttribute("title");
  }

  /* The page's language: *text* as the labels element's data-messages translate it, {name}s filled in. */
  function say(labels, text, values) {
    var template = (labels.messages && labels.messages[text]) || text;
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* A visually hidden text that tells one matrix's controls from another's. */
  function whose(name) {
    return name ? [make("span", { class: "tapssec-a11y", text: " (" + name + ")" })] : [];
  }

  /* name: the matrix's accessible name, unique on the page; several: whether the page has more than one. */
  function Matrix(table, index, name, several) {
    this.table = table;
    this.block = table.closest(".tapssec-matrix-block") || table.parentNode;
    this.key = table.id || "tapssec-matrix-" + (index + 1);
    this.name = name;
    this.owner = several ? name : "";
    this.labels = readLabels(this.block);
    var names = this.labels.interface;
    var headRow = table.tHead && table.tHead.rows[0];
    this.columns = [];
    for (var c = 1; headRow && c < headRow.cells.length; c++) {
      var th = headRow.cells[c];
      dropTitle(th);
      this.columns.push({
        index: c,
        cell: th,
        code: cellText(th),
        name: names[classValues(th, "interface")[0]] || "",
        phase: classValues(th, "phase")[0] || "",
      });
    }
    this.rows = [];
    var body = table.tBodies[0];
    for (var r = 0; body && r < body.rows.length; r++) {
      var tr = body.rows[r];
      var exposes = {};
      for (var k = 1; k < tr.cells.length; k++) {
        if (tr.cells[k].classList.contains("tapssec-exposed") && this.columns[k - 1]) {
          exposes[this.columns[k - 1].code] = true;
        }
      }
      dropTitle(tr.cells[0]);
      this.rows.push({
        tr: tr,
        name: cellText(tr.cells[0]),
        fullName: this.labels.protocol[classValues(tr, "protocol")[0]] || "",
        category: classValues(tr, "category"),
        transport: classValues(tr, "transport"),
        exposes: exposes,
      });
    }
    this.chosen = { phase: [], category: [], transport: [], iface: [] };
    this.build();
    this.readUrl();
    this.apply(false);
    // A live region only from now on: what the page shows on load is not news.
    this.status.setAttribute("role", "status");
  }

  Matrix.prototype.options = function (group) {
    var seen = [];
    function add(value) {
      if (value && seen.indexOf(value) < 0) seen.push(value);
    }
    if (group.key === "phase") this.columns.forEach(function (col) { add(col.phase); });
    if (group.key === "category" || group.key === "transport") {
      this.rows.forEach(function (row) { row[group.key].forEach(add); });
    }
    if (group.key === "iface") this.columns.forEach(function (col) { add(col.code); });
    return seen;
  };

  /* The name of a phase, category or transport id. */
  Matrix.prototype.named = function (kind, value) {
    return this.labels[kind][value] || value;
  };

  Matrix.prototype.label = function (group, value) {
    if (group.key !== "iface") return [this.named(group.key, value)];
    var column = this.columns.filter(function (col) { return col.code === value; })[0];
    var parts = [value];
    if (column && column.name) parts.push(make("span", { class: "tapssec-a11y", text: " " + column.name }));
    return parts;
  };

  Matrix.prototype.build = function () {
    var self = this;
    // The table scrolls inside its own box; the box is a focusable region named after the matrix.
    this.scroller = make("div", {
      class: "tapssec-matrix-scroll",
      tabindex: "0",
      role: "region",
      "aria-label": say(this.labels, "{name} (scrollable)", { name: this.name }),
    });
    this.table.parentNode.insertBefore(this.scroller, this.table);
    this.scroller.appendChild(this.table);
    this.table.classList.add("tapssec-enhanced");

    var body = make("div", { class: "tapssec-controls-body" });
    this.inputs = [];
    GROUPS.forEach(function (group) {
      var values = self.options(group);
      if (values.length < (group.key === "iface" ? 1 : 2)) return;
      var fieldset = make("fieldset", { class: "tapssec-group tapssec-group-" + group.key }, [
        make("legend", {}, [say(self.labels, group.legend)].concat(whose(self.owner))),
      ]);
      values.forEach(function (value) {
        var input = make("input", { type: "checkbox", value: value, "data-group": group.key });
        var text = [input, " "].concat(self.label(group, value), whose(self.owner));
        var label = make("label", { class: "tapssec-choice" }, text);
        if (group.key === "iface") {
          var column = self.columns.filter(function (col) { return col.code === value; })[0];
          if (column && column.name) label.setAttribute("title", column.name);
        }
        input.addEventListener("change", function () {
          self.readInputs();
          self.apply(true);
        });
        self.inputs.push(input);
        fieldset.appendChild(label);
      });
      body.appendChild(fieldset);
    });
    var clear = make("button", { type: "button", class: "tapssec-clear" }, [say(this.labels, "Clear filters")].concat(whose(this.owner)));
    clear.addEventListener("click", function () {
      self.inputs.forEach(function (input) { input.checked = false; });
      self.readInputs();
      self.apply(true);
    });
    this.link = make("a", { class: "tapssec-share", href: "#" }, [say(this.labels, "Link to this view")].concat(whose(this.owner)));
    body.appendChild(make("div", { class: "tapssec-actions" }, [clear, " ", this.link]));
    body.appendChild(
      make("p", {
        class: "tapssec-hint",
        text: say(
          this.labels,
          "Keyboard: Tab to the table's box and scroll it with the arrow keys; Tab on through its " +
            "links, which show their full names. Escape hides a name."
        ),
      })
    );
    this.details = make("details", { class: "tapssec-controls" }, [
      make("summary", {}, [say(this.labels, "Filter this table")].concat(whose(this.owner))),
      body,
    ]);
    this.status = make("p", { class: "tapssec-status", "aria-live": "polite" });
    // Themes may wrap the table in elements of their own (furo, pydata-sphinx-theme): the
    // controls go before the outermost wrapper inside the block.
    var anchor = this.scroller;
    while (anchor.parentNode && anchor.parentNode !== this.block) anchor = anchor.parentNode;
    if (anchor.parentNode !== this.block) anchor = this.scroller;
    anchor.parentNode.insertBefore(this.status, anchor);
    anchor.parentNode.insertBefore(this.details, this.status);

    this.tooltip = make("div", { class: "tapssec-tooltip", role: "tooltip", id: this.key + "-tooltip", hidden: "" });
    document.body.appendChild(this.tooltip);
    this.wireCells();
  };

  Matrix.prototype.readInputs = function () {
    var chosen = { phase: [], category: [], transport: [], iface: [] };
    this.inputs.forEach(function (input) {
      if (input.checked) chosen[input.getAttribute("data-group")].push(input.value);
    });
    this.chosen = chosen;
  };

  /* The URL holds one parameter per filtered matrix: ?<table id>=transport:datagram,iface:PSKI */
  Matrix.prototype.readUrl = function () {
    var value = new URLSearchParams(window.location.search).get(this.key);
    if (!value) return;
    var self = this;
    value.split(",").forEach(function (token) {
      var cut = token.indexOf(":");
      if (cut < 0) return;
      var group = token.slice(0, cut);
      var wanted = token.slice(cut + 1).toLowerCase();
      self.inputs.forEach(function (input) {
        if (input.getAttribute("data-group") === group && input.value.toLowerCase() === wanted) input.checked = true;
      });
    });
    this.readInputs();
    if (this.isFiltered()) this.details.open = true;
  };

  Matrix.prototype.isFiltered = function () {
    var chosen = this.chosen;
    return Object.keys(chosen).some(function (key) { return chosen[key].length > 0; });
  };

  Matrix.prototype.query = function () {
    var chosen = this.chosen;
    var tokens = [];
    GROUPS.forEach(function (group) {
      chosen[group.key].forEach(function (value) {
        tokens.push(group.key + ":" + queryValue(value));
      });
    });
    return tokens.join(",");
  };

  Matrix.prototype.url = function () {
    var params = new URLSearchParams(window.location.search);
    params.delete(this.key);
    var parts = [];
    params.forEach(function (value, name) {
      parts.push(queryValue(name) + "=" + queryValue(value));
    });
    if (this.isFiltered()) parts.push(queryValue(this.key) + "=" + this.query());
    var hash = this.isFiltered() && this.table.id ? "#" + this.table.id : window.location.hash;
    return window.location.pathname + (parts.length ? "?" + parts.join("&") : "") + hash;
  };

  Matrix.prototype.apply = function (updateUrl) {
    var chosen = this.chosen;
    var shownColumns = {};
    this.columns.forEach(function (col) {
      var visible =
        !chosen.phase.length || chosen.phase.indexOf(col.phase) >= 0 || chosen.iface.indexOf(col.code) >= 0;
      shownColumns[col.index] = visible;
      col.cell.classList.toggle("tapssec-chosen", chosen.iface.indexOf(col.code) >= 0);
    });
    var shownRows = 0;
    this.rows.forEach(function (row) {
      var visible =
        (!chosen.category.length || row.category.some(function (v) { return chosen.category.indexOf(v) >= 0; })) &&
        (!chosen.transport.length || row.transport.some(function (v) { return chosen.transport.indexOf(v) >= 0; })) &&
        chosen.iface.every(function (code) { return row.exposes[code]; });
      row.tr.hidden = !visible;
      if (visible) shownRows++;
    });
    var rows = this.table.rows;
    for (var r = 0; r < rows.length; r++) {
      for (var c = 1; c < rows[r].cells.length; c++) rows[r].cells[c].hidden = !shownColumns[c];
    }
    var shownCols = Object.keys(shownColumns).filter(function (k) { return shownColumns[k]; }).length;
    this.status.textContent = this.describe(shownRows, shownCols);
    this.status.classList.toggle("tapssec-empty", shownRows === 0);
    var url = this.url();
    this.link.setAttribute("href", url);
    if (updateUrl && window.history && window.history.replaceState) window.history.replaceState(null, "", url);
  };

  Matrix.prototype.describe = function (shownRows, shownCols) {
    var chosen = this.chosen;
    var labels = this.labels;
    var count = this.rows.length;
    var total = count === 1 ? say(labels, "1 protocol") : say(labels, "{count} protocols", { count: count });
    if (!this.isFiltered()) {
      return say(labels, "All {protocols} and {interfaces} interfaces.", { protocols: total, interfaces: this.columns.length });
    }
    var what = [];
    var self = this;
    function names(kind) {
      return chosen[kind]
        .map(function (value) { return self.named(kind, value).toLowerCase(); })
        .join(say(labels, " or "));
    }
    if (chosen.phase.length) what.push(say(labels, "phase {names}", { names: names("phase") }));
    if (chosen.category.length) what.push(say(labels, "category {names}", { names: names("category") }));
    if (chosen.transport.length) what.push(say(labels, "runs over {names}", { names: names("transport") }));
    if (chosen.iface.length) {
      what.push(say(labels, "exposes {codes}", { codes: chosen.iface.join(say(labels, " and ")) }));
    }
    // The count has a sentence of its own: some languages inflect "protocols" after "of".
    var head =
      shownRows === 0
        ? say(labels, "No protocol matches")
        : count === 1
          ? say(labels, "Showing {shown} of 1 protocol", { shown: shownRows })
          : say(labels, "Showing {shown} of {count} protocols", { shown: shownRows, count: count });
    return say(labels, "{head} ({what}), {shown} of {all} interfaces.", {
      head: head,
      what: what.join("; "),
      shown: shownCols,
      all: this.columns.length,
    });
  };

  /* --- highlight, tooltip and keyboard ------------------------------------------------- */

  Matrix.prototype.cellAt = function (target) {
    var cell = target && target.closest ? target.closest("td, th") : null;
    return cell && this.table.contains(cell) && cell.closest("table") === this.table ? cell : null;
  };

  Matrix.prototype.wireCells = function () {
    var self = this;
    this.table.addEventListener("mouseover", function (event) {
      var cell = self.cellAt(event.target);
      self.keep();
      // Not when the cell comes under a pointer that has not moved since Escape hid the tooltip above it.
      var still = self.dismissedAt && self.dismissedAt[0] === event.clientX && self.dismissedAt[1] === event.clientY;
      if (cell && cell !== self.current && !still) self.highlight(cell, cell);
    });
    document.addEventListener("mousemove", function (event) {
      self.pointer = [event.clientX, event.clientY];
    });
    this.table.addEventListener("mouseleave", function () {
      if (!self.table.contains(document.activeElement)) self.hideSoon();
    });
    // The tooltip can be hovered (to read it, or to select its text): it stays while the pointer is on it.
    this.tooltip.addEventListener("mouseenter", function () {
      self.keep();
    });
    this.tooltip.addEventListener("mouseleave", function () {
      if (!self.table.contains(document.activeElement)) self.hideSoon();
    });
    this.table.addEventListener("focusin", function (event) {
      var cell = self.cellAt(event.target);
      self.keep();
      if (cell) self.highlight(cell, event.target);
    });
    this.table.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !self.table.contains(event.relatedTarget)) self.clear();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !self.tooltip.hidden) {
        // Dismissed until the pointer or the focus moves to another cell.
        self.dismissedAt = self.pointer;
        self.hideTooltip();
      }
    });
    this.scroller.addEventListener("scroll", function () {
      self.hideTooltip();
    });
  };

  Matrix.prototype.keep = function () {
    if (this.hideTimer) window.clearTimeout(this.hideTimer);
    this.hideTimer = null;
  };

  Matrix.prototype.hideSoon = function () {
    var self = this;
    this.keep();
    this.hideTimer = window.setTimeout(function () {
      self.hideTimer = null;
      self.clear();
    }, HIDE_DELAY);
  };

  Matrix.prototype.clear = function () {
    this.table.querySelectorAll(".tapssec-hl-row, .tapssec-hl-col, .tapssec-hl-cell").forEach(function (el) {
      el.classList.remove("tapssec-hl-row", "tapssec-hl-col", "tapssec-hl-cell");
    });
    this.current = null;
    this.dismissedAt = null;
    this.hideTooltip();
  };

  Matrix.prototype.highlight = function (cell, anchor) {
    this.clear();
    var tr = cell.parentNode;
    var column = cell.cellIndex;
    tr.classList.add("tapssec-hl-row");
    var rows = this.table.rows;
    for (var r = 0; r < rows.length; r++) {
      if (rows[r].cells[column]) rows[r].cells[column].classList.add("tapssec-hl-col");
    }
    cell.classList.add("tapssec-hl-cell");
    this.current = cell;
    this.showTooltip(cell, anchor);
  };

  Matrix.prototype.describeCell = function (cell) {
    var column = this.columns[cell.cellIndex - 1];
    var inHead = cell.parentNode.parentNode === this.table.tHead;
    var row = inHead ? null : this.rows.filter(function (item) { return item.tr === cell.parentNode; })[0];
    var iface = column ? column.code + (column.name ? " \u2014 " + column.name : "") : "";
    if (inHead) return column ? iface + (column.phase ? " (" + this.named("phase", column.phase) + ")" : "") : "";
    if (!row) return "";
    var protocol = row.name + (row.fullName && row.fullName !== row.name ? " \u2014 " + row.fullName : "");
    if (!column) return protocol;
    var exposed = cell.classList.contains("tapssec-exposed");
    return row.name + " \u00b7 " + iface + ": " + say(this.labels, exposed ? "exposed" : "not exposed");
  };

  Matrix.prototype.showTooltip = function (cell, anchor) {
    var text = this.describeCell(cell);
    if (!text) return;
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    var rect = cell.getBoundingClientRect();
    var tip = this.tooltip.getBoundingClientRect();
    var left = Math.max(4, Math.min(rect.left, document.documentElement.clientWidth - tip.width - 4));
    // Touching the cell, so that the pointer can move straight from the cell onto the tooltip.
    var top = rect.bottom;
    if (top + tip.height > document.documentElement.clientHeight) top = rect.top - tip.height;
    this.tooltip.style.left = left + window.scrollX + "px";
    this.tooltip.style.top = top + window.scrollY + "px";
    if (anchor && anchor !== cell && anchor.nodeType === 1) anchor.setAttribute("aria-describedby", this.tooltip.id);
    else cell.setAttribute("aria-describedby", this.tooltip.id);
  };

  Matrix.prototype.hideTooltip = function () {
    this.tooltip.hidden = true;
    this.table.querySelectorAll("[aria-describedby]").forEach(function (el) {
      el.removeAttribute("aria-describedby");
    });
  };

  /* Each matrix's accessible name: its caption, else its number; unique on the page. */
  function names(tables) {
    var seen = {};
    return tables.map(function (table, index) {
      var block = table.closest(".tapssec-matrix-block") || table.parentNode;
      var fallback = say(readLabels(block), "Interface matrix {number}", { number: index + 1 });
      var name = (table.caption && cellText(table.caption)) || fallback;
      if (seen[name]) name += " (" + (index + 1) + ")";
      seen[name] = true;
      return name;
    });
  }

  function init() {
    var tables = Array.prototype.slice.call(document.querySelectorAll("table.tapssec-matrix"));
    var named = names(tables);
    tables.forEach(function (table, index) {
      if (!table.classList.contains("tapssec-enhanced")) new Matrix(table, index, named[index], tables.length > 1);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
