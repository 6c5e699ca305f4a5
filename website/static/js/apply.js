// The registration form: show the desa and kelurahan of the chosen kecamatan only, and the
// NIB fields only to a business that has an NIB. Without JavaScript every field shows, and
// the server checks the same rules.
(function () {
  "use strict";

  function desaFilter(form) {
    var kecamatan = form.querySelector('select[name="kecamatan"]');
    var desa = form.querySelector("select[data-desa]");
    if (!kecamatan || !desa) {
      return;
    }
    var groups = Array.prototype.map.call(desa.querySelectorAll("optgroup"), function (group) {
      return group.cloneNode(true);
    });
    var placeholder = desa.querySelector('option[value=""]');
    function update() {
      var chosen = kecamatan.options[kecamatan.selectedIndex];
      var name = chosen && chosen.value ? chosen.text : "";
      var current = desa.value;
      desa.textContent = "";
      if (placeholder) {
        desa.appendChild(placeholder);
      }
      groups.forEach(function (group) {
        if (!name || group.label === name) {
          desa.appendChild(group.cloneNode(true));
        }
      });
      desa.value = current;
      if (desa.value !== current) {
        desa.value = "";
      }
    }
    kecamatan.addEventListener("change", update);
    update();
  }

  function toggle(form, selector, show) {
    form.querySelectorAll(selector).forEach(function (block) {
      block.hidden = !show;
    });
  }

  function nibFields(form) {
    var radios = form.querySelectorAll('input[name="has_nib"]');
    if (!radios.length) {
      return;
    }
    function update() {
      var chosen = form.querySelector('input[name="has_nib"]:checked');
      var without = chosen && chosen.value === "no";
      toggle(form, '[data-papers="nib"], [data-papers="nib_document"]', !without);
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  function helpDetails(form) {
    var boxes = form.querySelectorAll('input[name="help_wanted"]');
    if (!boxes.length) {
      return;
    }
    function update() {
      var wanted = {};
      boxes.forEach(function (box) {
        wanted[box.value] = box.checked;
      });
      toggle(form, '[data-help="halal_route"], [data-help="halal_companion"]', wanted.halal);
      toggle(form, '[data-help="kur_amount"], [data-help="kur_purpose"]', wanted.kur);
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", update);
    });
    update();
  }

  function init() {
    document.querySelectorAll("form[data-register]").forEach(function (form) {
      desaFilter(form);
      nibFields(form);
      helpDetails(form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
