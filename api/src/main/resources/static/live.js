// Live pages: the server says "change" (server-sent events) when something this page shows has
// changed; the page fetches itself and swaps in the new content. Forms being filled in are kept.
(function () {
  var main = document.querySelector('main[data-live]');
  if (!main || !window.EventSource) return;
  var busy = false, again = false;
  var state = window.liveState = { opened: 0, events: 0, refreshes: 0, swaps: 0, failures: 0 }; // for support and tests
  // The region as the server last sent it (captured before GOV.UK Frontend decorates it), so an
  // unchanged page is left alone: no flicker, no lost focus.
  var lastHtml = document.getElementById('live-region').innerHTML;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    state.refreshes++;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Live-Refresh': '1' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('live-region'), here = document.getElementById('live-region');
        var editing = document.activeElement && document.activeElement.form;
        if (fresh && here && fresh.innerHTML !== lastHtml) { // nothing changed: leave the page alone
          lastHtml = fresh.innerHTML;
          if (editing) {
            // Keep the forms as the officer left them; refresh everything else.
            var keep = here.querySelectorAll('form[data-no-live]');
            var freshForms = fresh.querySelectorAll('form[data-no-live]');
            for (var i = 0; i < keep.length && i < freshForms.length; i++) freshForms[i].replaceWith(keep[i]);
          }
          here.replaceWith(fresh);
          state.swaps++;
          if (window.govukInitAll) window.govukInitAll({ scope: fresh });
        }
        var stamp = doc.getElementById('updated');
        if (stamp) document.getElementById('updated').textContent = stamp.textContent;
      })
      .catch(function () { state.failures++; /* the next change tries again */ })
      .finally(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  var source = new EventSource(main.getAttribute('data-live'));
  source.addEventListener('change', function () { state.events++; refresh(); });
  source.onerror = function () { var d = document.querySelector('.app-live-dot'); if (d) d.classList.add('app-live-off'); };
  // Once listening (and after any reconnect), fetch once more: a change committed between this
  // page's render and the subscription would otherwise never be shown.
  source.onopen = function () {
    state.opened++;
    var d = document.querySelector('.app-live-dot'); if (d) d.classList.remove('app-live-off');
    refresh();
  };
})();
