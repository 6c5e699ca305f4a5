// Checkout: as soon as the shopper chooses how to receive the order, grey out the ways to
// pay that cannot be used with it and show why. The server does the same from the chosen
// option (the "Show the ways to pay" button, without JavaScript) and checks it again on
// submit; this script only saves a round trip.
(function () {
  "use strict";

  function update(form) {
    var chosen = form.querySelector('input[name="fulfilment"]:checked');
    var value = chosen ? chosen.value : "";
    var radios = form.querySelectorAll('input[name="payment_method"]');
    var firstEnabled = null;
    var checkedDisabled = false;
    radios.forEach(function (radio) {
      var when = (radio.getAttribute("data-unavailable-for") || "").split(" ");
      var disabled = when.indexOf("always") !== -1 || (value !== "" && when.indexOf(value) !== -1);
      radio.disabled = disabled;
      var item = radio.closest("[data-payment-option]");
      if (item) {
        item.classList.toggle("shop-unavailable", disabled);
        item.querySelectorAll("[data-reason-for]").forEach(function (reason) {
          var applies = reason.getAttribute("data-reason-for").split(" ");
          reason.hidden = !(applies.indexOf("always") !== -1 || (value !== "" && applies.indexOf(value) !== -1));
        });
      }
      if (disabled && radio.checked) {
        radio.checked = false;
        checkedDisabled = true;
      }
      if (!disabled && firstEnabled === null) {
        firstEnabled = radio;
      }
    });
    var anyChecked = form.querySelector('input[name="payment_method"]:checked');
    if ((checkedDisabled || !anyChecked) && firstEnabled) {
      firstEnabled.checked = true;
    }
  }

  function init() {
    var form = document.querySelector("form.shop-checkout");
    if (!form) {
      return;
    }
    var choose = form.querySelector("[data-choose-fulfilment]");
    if (choose) {
      choose.remove(); // the script does its work; Enter in a field places the order
    }
    form.querySelectorAll('input[name="fulfilment"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        update(form);
      });
    });
    update(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
