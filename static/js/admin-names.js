/* Names for the controls Django admin's scripts build after the page has loaded, which axe and
   screen readers otherwise meet nameless: the two-list filter widget's search icon
   (SelectFilter2.js puts aria-label on a plain span) and Select2's boxes (autocomplete_fields),
   which take the name of the field's own label. */
(function () {
  "use strict";

  function labelText(select) {
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameSelect2(container) {
    const select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") {
      return;
    }
    const name = labelText(select);
    if (!name) {
      return;
    }
    container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field')
      .forEach(function (element) {
        element.setAttribute("aria-label", name);
        element.removeAttribute("aria-labelledby");
      });
    container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      list.setAttribute("role", "list");
    });
  }

  function nameAll() {
    document.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    document.querySelectorAll(".select2-container").forEach(nameSelect2);
  }

  window.addEventListener("load", function () {
    nameAll();
    if (window.django && window.django.jQuery) {
      // Select2 draws a multiple select's box anew after every choice.
      window.django.jQuery(document).on("change select2:select select2:unselect", function () {
        nameAll();
      });
    }
  });
})();
