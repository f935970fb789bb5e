// Times in the reader's own time zone and the browser's own way of writing dates, the zone named:
// each <time datetime="..."> the server wrote in its configured zone is rewritten, e.g.
// "1 Dec 2026, 08:02 CET" or "Dec 1, 2026, 8:02 AM EST". Without scripts the server's text stands,
// its zone named too.
(function () {
  'use strict';

  if (!window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var format = new Intl.DateTimeFormat(undefined, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });
  document.querySelectorAll('time[datetime]').forEach(function (element) {
    var when = new Date(element.getAttribute('datetime'));
    if (!isNaN(when.getTime())) {
      element.textContent = format.format(when);
      element.setAttribute('data-local', 'true');
    }
  });
}());
