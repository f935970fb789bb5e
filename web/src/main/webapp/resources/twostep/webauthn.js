// Security keys and passkeys (WebAuthn). Buttons carry what to do:
//   data-webauthn="register" (data-passkey="true" for a passkey), "second-factor" or "passkey",
//   data-api: the base of the JSON endpoints. Messages go to the element #webauthn-status.
// A field with data-webauthn-autofill (the username, autocomplete="username webauthn") offers the
// account's passkeys in the browser's autofill list (conditional mediation), where the browser can.
(function () {
  'use strict';

  var status = document.getElementById('webauthn-status');

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  // A refusal replaces whatever the page said before it ("You are signed out.").
  function refused(message) {
    var before = document.getElementById('signedOut');
    if (before) {
      before.hidden = true;
    }
    say(message);
  }

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
  }

  function toBase64url(buffer) {
    var binary = String.fromCharCode.apply(null, new Uint8Array(buffer));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) { return { type: d.type, id: toBytes(d.id), transports: d.transports }; });
  }

  function creationOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON) {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    json.challenge = toBytes(json.challenge);
    json.user.id = toBytes(json.user.id);
    json.excludeCredentials = descriptors(json.excludeCredentials);
    return json;
  }

  function requestOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON) {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    json.challenge = toBytes(json.challenge);
    json.allowCredentials = descriptors(json.allowCredentials);
    return json;
  }

  function credentialJson(credential) {
    if (credential.toJSON) {
      return JSON.stringify(credential.toJSON());
    }
    var response = credential.response;
    var json = {
      id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toBase64url(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      json.response.attestationObject = toBase64url(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toBase64url(response.authenticatorData);
      json.response.signature = toBase64url(response.signature);
      json.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : null;
    }
    return JSON.stringify(json);
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: body || ''
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          var refused = new Error(json.message || 'The server refused the request.');
          refused.answer = json;
          throw refused;
        }
        return json;
      });
    });
  }

  // InvalidStateError: the authenticator holds one of the credentials the server excluded. A passkey
  // excludes only passkeys, so a security key of the account can still become a passkey's device.
  function explain(error, passkey) {
    if (error && error.name === 'NotAllowedError') {
      return 'Cancelled, timed out, or the key could not verify you. Try again.';
    }
    if (error && error.name === 'InvalidStateError') {
      return passkey
        ? 'This device already holds a passkey for your account: you can sign in with it. To replace it, remove it on the security page first.'
        : 'This security key is registered to your account already: you can use it to sign in. To add another, use a different key.';
    }
    return (error && error.message) || 'Something went wrong. Try again.';
  }

  // Where the page is sent after a ceremony: only an address of this site; anything else, the home page.
  function go(json, api) {
    say('Done.');
    var target = new URL(json.redirect || '', window.location.href);
    window.location.assign(target.origin === window.location.origin ? target.href : api.replace(/\/api\/webauthn$/, '/home.xhtml'));
  }

  // Signal API: a passkey TwoStep no longer knows (removed at TwoStep) is one the browser should stop offering.
  function signalUnknown(error, rpId, credential) {
    if (error && error.answer && error.answer.unknownCredential && credential && PublicKeyCredential.signalUnknownCredential) {
      PublicKeyCredential.signalUnknownCredential({ rpId: rpId, credentialId: credential.id }).catch(function () {});
    }
  }

  var autofill = null; // the conditional request under way, aborted when a button starts a ceremony

  function offerInAutofill(field, retries) {
    if (!PublicKeyCredential.isConditionalMediationAvailable) {
      return;
    }
    PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
      if (!available) {
        return;
      }
      var api = field.getAttribute('data-api');
      var controller = new AbortController();
      var rpId;
      var chosen;
      autofill = controller;
      post(api + '/passkey/options')
        .then(function (json) {
          rpId = json.rpId;
          return navigator.credentials.get({ publicKey: requestOptions(json), mediation: 'conditional', signal: controller.signal });
        })
        .then(function (credential) {
          chosen = credential;
          say('Signing in with your passkey…');
          return post(api + '/passkey', credentialJson(credential));
        })
        .then(function (json) { go(json, api); }, function (error) {
          if (controller.signal.aborted) {
            return;
          }
          signalUnknown(error, rpId, chosen);
          if (chosen) {
            refused(explain(error, true));
          }
          if (chosen && retries > 0) {
            offerInAutofill(field, retries - 1); // a refused pick: the list is offered again
          }
        });
    });
  }

  function run(button) {
    if (autofill) {
      autofill.abort(); // one WebAuthn request at a time: the button's replaces the autofill's
      autofill = null;
    }
    var api = button.getAttribute('data-api');
    var action = button.getAttribute('data-webauthn');
    var passkey = button.getAttribute('data-passkey') === 'true';
    var ceremony;
    button.disabled = true;
    say('Follow your browser\'s prompt…');
    if (action === 'register') {
      var nickname = document.getElementById('nickname');
      var query = nickname && nickname.value ? '?nickname=' + encodeURIComponent(nickname.value) : '';
      ceremony = post(api + '/registration/options?passkey=' + passkey)
        .then(function (json) { return navigator.credentials.create({ publicKey: creationOptions(json) }); })
        .then(function (credential) { return post(api + '/registration' + query, credentialJson(credential)); });
    } else {
      var path = action === 'passkey' ? '/passkey' : '/authentication';
      var trust = document.getElementById('trustBrowser');
      var answer = path + (action === 'second-factor' && trust && trust.checked ? '?trust=true' : '');
      var rpId;
      var chosen;
      ceremony = post(api + path + '/options')
        .then(function (json) { rpId = json.rpId; return navigator.credentials.get({ publicKey: requestOptions(json) }); })
        .then(function (credential) { chosen = credential; return post(api + answer, credentialJson(credential)); })
        .catch(function (error) { signalUnknown(error, rpId, chosen); throw error; });
    }
    ceremony.then(function (json) { go(json, api); }, function (error) {
      refused(explain(error, passkey));
      button.disabled = false;
    });
  }

  var buttons = document.querySelectorAll('[data-webauthn]');
  if (!window.PublicKeyCredential || !navigator.credentials) {
    buttons.forEach(function (button) { button.disabled = true; });
    if (buttons.length) {
      say('This browser cannot use security keys or passkeys.');
    }
    return;
  }
  buttons.forEach(function (button) {
    button.addEventListener('click', function () { run(button); });
  });
  var field = document.querySelector('[data-webauthn-autofill]');
  if (field) {
    offerInAutofill(field, 2);
  }
}());
