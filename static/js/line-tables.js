/*
 * The cost and financing plans on the application's edit pages
 * (templates/projects/includes/plans.html): rows added and removed in the browser, the sums
 * as the applicant types, and the plans' rules (the server's messages, from the JSON in
 * #plan-rules) in a polite live region. The server checks the same rules when the
 * application is submitted; without JavaScript the tables work as plain formsets.
 *
 * Rows are renumbered so that rows with a stored line come first (Django's formsets take
 * the first INITIAL_FORMS rows as stored lines), whatever their place on the page.
 * static/js/autosave.js tells the tables when lines it sent were stored ("autosave:sending",
 * "autosave:saved" on the form).
 */
(function () {
  "use strict";

  var rulesElement = document.getElementById("plan-rules");
  var plans = document.querySelector("[data-plans]");
  if (!rulesElement || !plans) {
    return;
  }
  var rules = JSON.parse(rulesElement.textContent);
  var NBSP = "\u00a0";
  var ROW = "__row__";

  function formatNok(amount) {
    var digits = String(Math.abs(amount));
    var grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    return (amount < 0 ? "-" : "") + grouped + NBSP + "kr";
  }

  function interpolate(message, params) {
    return message
      .replace(/%\((\w+)\)s/g, function (match, name) {
        return name in params ? params[name] : match;
      })
      .replace(/%%/g, "%");
  }

  function amountOf(row) {
    var input = row.querySelector("input[name$='-amount']");
    var value = input ? input.value.trim() : "";
    return /^\d+$/.test(value) ? parseInt(value, 10) : 0;
  }

  function idInput(row) {
    return row.querySelector("input[name$='-id']");
  }

  function isStored(row) {
    var input = idInput(row);
    return Boolean(input && input.value);
  }

  function isDeleted(row) {
    var mark = row.querySelector("input[name$='-DELETE']");
    if (!mark) {
      return false;
    }
    return mark.type === "checkbox" ? mark.checked : mark.value === "on";
  }

  function Table(section) {
    this.section = section;
    this.prefix = section.getAttribute("data-line-table");
    this.body = section.querySelector("tbody");
    this.template = section.querySelector("template[data-empty-row]");
    this.total = section.querySelector("input[name='" + this.prefix + "-TOTAL_FORMS']");
    this.initial = section.querySelector("input[name='" + this.prefix + "-INITIAL_FORMS']");
    this.max = parseInt(
      section.querySelector("input[name='" + this.prefix + "-MAX_NUM_FORMS']").value,
      10
    );
    this.rows().forEach(this.rememberLabels, this);
    this.rows().forEach(this.addRemoveButton, this);
    this.addButton = this.makeAddButton();
    this.renumber();
  }

  Table.prototype.rows = function () {
    return Array.prototype.slice.call(this.body.querySelectorAll("tr[data-line-row]"));
  };

  Table.prototype.liveRows = function () {
    return this.rows().filter(function (row) {
      return !row.hidden && !isDeleted(row);
    });
  };

  // The labels say which row they belong to ("Beløp, rad 2"): kept as templates with the
  // number left open, so that they can follow the row's place.
  Table.prototype.rememberLabels = function (row, position) {
    var number = String(position + 1);
    row.querySelectorAll("label, .visually-hidden").forEach(function (element) {
      if (element.children.length || element.hasAttribute("data-row-text")) {
        return;
      }
      var text = element.textContent;
      var at = text.lastIndexOf(number);
      if (text.indexOf(ROW) !== -1) {
        element.setAttribute("data-row-text", text);
      } else if (at !== -1) {
        element.setAttribute(
          "data-row-text",
          text.slice(0, at) + ROW + text.slice(at + number.length)
        );
      }
    });
  };

  Table.prototype.addRemoveButton = function (row) {
    if (row.querySelector("input[type=checkbox][name$='-DELETE']")) {
      return; // A stored row: its «Slett» box marks it, as without JavaScript.
    }
    var cell = row.querySelector(".line-table__delete");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-link btn-sm link-danger p-0";
    button.setAttribute("data-remove-row", "");
    button.textContent = this.template.getAttribute("data-remove-label");
    var number = document.createElement("span");
    number.className = "visually-hidden";
    number.setAttribute("data-row-text", " " + ROW);
    button.appendChild(number);
    cell.appendChild(button);
  };

  Table.prototype.makeAddButton = function () {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary btn-sm mb-3";
    button.setAttribute("data-add-row", this.prefix);
    button.textContent = this.template.getAttribute("data-add-label");
    this.section.querySelector(".table-responsive").after(button);
    var table = this;
    button.addEventListener("click", function () {
      table.addRow();
    });
    return button;
  };

  Table.prototype.addRow = function () {
    if (this.rows().length >= this.max) {
      return;
    }
    var fragment = this.template.content.cloneNode(true);
    var row = fragment.querySelector("tr[data-line-row]");
    row.querySelectorAll("label, .visually-hidden").forEach(function (element) {
      if (!element.children.length && element.textContent.indexOf(ROW) !== -1) {
        element.setAttribute("data-row-text", element.textContent);
      }
    });
    this.addRemoveButton(row);
    this.body.appendChild(row);
    this.renumber();
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
    changed();
  };

  Table.prototype.removeRow = function (row) {
    if (isStored(row)) {
      // Stored by autosave: the next save deletes the line.
      var mark = document.createElement("input");
      mark.type = "hidden";
      mark.name = idInput(row).name.replace(/-id$/, "-DELETE");
      mark.value = "on";
      row.appendChild(mark);
      row.hidden = true;
    } else {
      row.remove();
    }
    this.renumber();
    this.addButton.focus();
    changed();
  };

  // Stored rows first, then the new ones; the numbers in the labels follow the page.
  Table.prototype.renumber = function () {
    var rows = this.rows();
    var stored = rows.filter(isStored);
    var fresh = rows.filter(function (row) {
      return !isStored(row);
    });
    var pattern = new RegExp("(" + this.prefix + "-)(\\d+|__prefix__)(-)", "g");
    stored.concat(fresh).forEach(function (row, index) {
      row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = el.getAttribute(attribute);
          if (value) {
            el.setAttribute(attribute, value.replace(pattern, "$1" + index + "$3"));
          }
        });
      });
    });
    this.initial.value = String(stored.length);
    this.total.value = String(rows.length);
    rows
      .filter(function (row) {
        return !row.hidden;
      })
      .forEach(function (row, position) {
        row.querySelectorAll("[data-row-text]").forEach(function (element) {
          element.textContent = element.getAttribute("data-row-text").replace(ROW, position + 1);
        });
      });
    this.addButton.disabled = rows.length >= this.max;
  };

  var tables = {};
  plans.querySelectorAll("[data-line-table]").forEach(function (section) {
    var table = new Table(section);
    tables[table.prefix] = table;
  });
  if (!tables.cost || !tables.funding) {
    return;
  }

  var status = plans.querySelector("[data-plan-status]");
  plans.querySelector("[data-plan-checks]").hidden = false;
  plans.querySelectorAll("[data-without-script]").forEach(function (element) {
    element.hidden = true;
  });
  plans.querySelectorAll("th[data-live-label]").forEach(function (cell) {
    cell.textContent = cell.getAttribute("data-live-label");
  });

  function sums() {
    var cost = 0;
    var funding = 0;
    var applied = 0;
    tables.cost.liveRows().forEach(function (row) {
      cost += amountOf(row);
    });
    tables.funding.liveRows().forEach(function (row) {
      var amount = amountOf(row);
      var source = row.querySelector("select[name$='-source']");
      funding += amount;
      if (source && source.value === rules.council) {
        applied += amount;
      }
    });
    return { cost: cost, funding: funding, applied: applied };
  }

  // The rules of projects.services.application_submission_errors for the plans, in its order.
  function problems(total) {
    var found = [];
    var text = rules.messages;
    if (total.cost <= 0) {
      found.push(text.no_costs);
    }
    if (total.funding !== total.cost) {
      found.push(
        interpolate(text.funding_not_equal_cost, {
          funding: formatNok(total.funding),
          cost: formatNok(total.cost),
          difference: formatNok(Math.abs(total.funding - total.cost)),
        })
      );
    }
    if (total.applied <= 0) {
      found.push(text.no_amount_applied);
    }
    if (total.applied > rules.max_amount) {
      found.push(
        interpolate(text.amount_over_max, {
          applied: formatNok(total.applied),
          max: formatNok(rules.max_amount),
        })
      );
    }
    if (total.cost > 0 && total.applied * 100 > rules.max_share_percent * total.cost) {
      found.push(
        interpolate(text.amount_over_share, {
          applied: formatNok(total.applied),
          percent: rules.max_share_percent,
          max: formatNok(Math.floor((rules.max_share_percent * total.cost) / 100)),
        })
      );
    }
    return found;
  }

  function showSums(total) {
    tables.cost.section.querySelector("[data-sum]").textContent = formatNok(total.cost);
    tables.funding.section.querySelector("[data-sum]").textContent = formatNok(total.funding);
    tables.funding.section.querySelector("[data-applied]").textContent = formatNok(total.applied);
  }

  function showChecks(total) {
    var list = document.createElement("ul");
    list.className = "mb-0";
    var found = problems(total);
    (found.length ? found : [rules.ok]).forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    var summary = document.createElement("p");
    summary.className = "mb-1";
    summary.textContent = interpolate(rules.totals, {
      cost: formatNok(total.cost),
      funding: formatNok(total.funding),
      applied: formatNok(total.applied),
    });
    status.replaceChildren(summary, list);
    status.parentElement.classList.toggle("plan-checks--ok", !found.length);
  }

  // The sums follow each key; the live region waits for a pause, so that a screen reader
  // hears the result rather than every digit.
  var announce = null;
  function changed() {
    var total = sums();
    showSums(total);
    window.clearTimeout(announce);
    announce = window.setTimeout(function () {
      showChecks(sums());
    }, 700);
  }

  plans.addEventListener("input", changed);
  plans.addEventListener("change", changed);
  plans.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-row]");
    if (!button) {
      return;
    }
    var section = button.closest("[data-line-table]");
    tables[section.getAttribute("data-line-table")].removeRow(button.closest("tr"));
  });

  var form = plans.closest("form");
  if (form) {
    // What autosave sent: the rows by the prefix they had, and the rows sent as deleted.
    form.addEventListener("autosave:sending", function () {
      Object.keys(tables).forEach(function (prefix) {
        tables[prefix].rows().forEach(function (row) {
          var id = idInput(row);
          row.setAttribute("data-sent-as", id ? id.name.replace(/-id$/, "") : "");
          row.toggleAttribute("data-sent-deleted", row.hidden && isDeleted(row));
        });
      });
    });
    form.addEventListener("autosave:saved", function (event) {
      var stored = event.detail.rows || {};
      Object.keys(tables).forEach(function (prefix) {
        var table = tables[prefix];
        table.rows().forEach(function (row) {
          var sentAs = row.getAttribute("data-sent-as");
          if (row.hasAttribute("data-sent-deleted")) {
            row.remove();
          } else if (sentAs && stored[sentAs]) {
            idInput(row).value = stored[sentAs];
            delete stored[sentAs];
          }
        });
        table.renumber();
      });
      // A row removed while it was being stored: its line is deleted at the next save.
      Object.keys(stored).forEach(function (sentAs) {
        var prefix = sentAs.split("-")[0];
        var table = tables[prefix];
        if (!table) {
          return;
        }
        var row = document.createElement("tr");
        row.setAttribute("data-line-row", "");
        row.hidden = true;
        [
          ["id", stored[sentAs]],
          ["DELETE", "on"],
        ].forEach(function (pair) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = prefix + "-0-" + pair[0];
          input.value = pair[1];
          row.appendChild(input);
        });
        table.body.appendChild(row);
        table.renumber();
        form.dispatchEvent(new CustomEvent("autosave:dirty"));
      });
    });
  }

  changed();
  showChecks(sums());
})();
