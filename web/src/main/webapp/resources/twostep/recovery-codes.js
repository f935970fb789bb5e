// Recovery codes are shown once: keep "Done" disabled until the user says the codes are saved,
// and warn before leaving the page without saying so.
(function () {
  'use strict';
  var box = document.getElementById('saved');
  var done = document.getElementById('done');
  if (!box || !done) {
    return;
  }
  function unsaved(event) {
    event.preventDefault();
    event.returnValue = '';
  }
  function update() {
    done.setAttribute('aria-disabled', box.checked ? 'false' : 'true');
    if (box.checked) {
      window.removeEventListener('beforeunload', unsaved);
    } else {
      window.addEventListener('beforeunload', unsaved);
    }
  }
  done.addEventListener('click', function (event) {
    if (!box.checked) {
      event.preventDefault();
      box.focus();
    }
  });
  box.addEventListener('change', update);
  update();
}());
