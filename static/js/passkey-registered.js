// After django-otp-webauthn has registered a passkey (otp_webauthn_register.js), the page goes
// on to the next step the server named: the recovery codes, or the list of devices.
document.addEventListener("otp_webauthn.register_complete", () => {
  const registration = document.getElementById("passkey-registration");
  const after = registration && registration.dataset.afterUrl;
  window.location.assign(after || window.location.href);
});
