// Signal API (WebAuthn Level 3): tells the browser's passkey store, where it offers the calls, which
// of its passkeys for this site this account still accepts (a passkey removed at TwoStep stops being
// offered), and the account's current names. Read from #passkeySignals; a browser without the calls,
// or one that refuses them, changes nothing.
(function () {
  'use strict';

  var signals = document.getElementById('passkeySignals');
  if (!signals || !window.PublicKeyCredential) {
    return;
  }
  var rpId = signals.getAttribute('data-rp-id');
  var userId = signals.getAttribute('data-user-id');
  var accepted = (signals.getAttribute('data-accepted') || '').split(' ').filter(function (id) { return id; });
  function quietly(promise) {
    if (promise && promise.catch) {
      promise.catch(function () {});
    }
  }
  if (PublicKeyCredential.signalAllAcceptedCredentials) {
    quietly(PublicKeyCredential.signalAllAcceptedCredentials({ rpId: rpId, userId: userId, allAcceptedCredentialIds: accepted }));
  }
  if (PublicKeyCredential.signalCurrentUserDetails) {
    quietly(PublicKeyCredential.signalCurrentUserDetails({
      rpId: rpId, userId: userId,
      name: signals.getAttribute('data-name'), displayName: signals.getAttribute('data-display-name')
    }));
  }
}());
