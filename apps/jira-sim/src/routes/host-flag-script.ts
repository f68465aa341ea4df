/**
 * Jira's flag group and issue-view refresh as both host pages play them (plain JS, inlined into
 * each host page's script; see host-page-script.ts and ../forge/host-script.ts).
 *
 * showSimFlag(group, prefix, options) draws a flag in this page, outside the app's iframe, as
 * Jira draws AP.flag.create and Forge showFlag flags (bottom left, newest last):
 * `{ id, title, body, type, autoClose, dismissible, actions }`. `type` is info (the default),
 * success, warning or error; an `autoClose` flag goes after 8 s (Forge documents 8 s for
 * isAutoDismiss; AUI, which Connect's flags are, closes `auto` flags after 8 s too); a
 * `dismissible` one has a close button. Each flag element carries `data-flag-id`,
 * `data-flag-type` and `data-flag-close` (auto or manual) for tests.
 *
 * refreshIssueView() re-reads this issue view from the site (the same URL) and redraws its
 * fields (`article.issue`) in place: no navigation, the app's frame stays as it is. Each
 * refresh counts up `document.body.dataset.issueViewRefreshes`.
 */
/** The Connect host page's flag group (the Forge host page styles its own, forge-flag). */
export const HOST_FLAG_STYLE = `
.host-flags{position:fixed;left:24px;bottom:24px;z-index:5;display:flex;flex-direction:column;gap:8px;width:400px}
.host-flag{position:relative;padding:16px 40px 16px 16px;border-radius:4px;background:#fff;box-shadow:0 8px 12px #091e4226,0 0 1px #091e424f}
.host-flag-success{border-left:4px solid #22a06b}.host-flag-error{border-left:4px solid #c9372c}
.host-flag-warning{border-left:4px solid #e2b203}.host-flag-info{border-left:4px solid #0c66e4}
.host-flag-title{display:block}.host-flag-description{margin:4px 0 0}
.host-flag-close{position:absolute;top:8px;right:8px;border:0;background:none;font-size:18px;cursor:pointer}
`;

export const HOST_FLAG_SCRIPT = String.raw`
  var FLAG_TYPES = ['info', 'success', 'warning', 'error'];
  function closeSimFlag(group, id) {
    Array.prototype.slice.call(group.children).forEach(function (flag) {
      if (flag.dataset.flagId === id) flag.remove();
    });
  }
  function showSimFlag(group, prefix, options) {
    var id = String(options.id);
    var type = FLAG_TYPES.indexOf(options.type) >= 0 ? options.type : 'info';
    closeSimFlag(group, id);
    var flag = document.createElement('div');
    flag.className = prefix + ' ' + prefix + '-' + type;
    flag.id = prefix + '-' + id;
    flag.dataset.flagId = id;
    flag.dataset.flagType = type;
    flag.dataset.flagClose = options.autoClose ? 'auto' : 'manual';
    flag.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
    var title = document.createElement('strong');
    title.className = prefix + '-title';
    title.textContent = String(options.title || '');
    var body = document.createElement('p');
    body.className = prefix + '-description';
    body.textContent = String(options.body || '');
    flag.append(title, body);
    if (options.dismissible !== false) {
      var dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = prefix + '-close';
      dismiss.setAttribute('aria-label', 'Dismiss');
      dismiss.textContent = '\u00d7';
      dismiss.addEventListener('click', function () { flag.remove(); });
      flag.append(dismiss);
    }
    (options.actions || []).forEach(function (text) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = prefix + '-action';
      button.textContent = String(text);
      button.addEventListener('click', function () { flag.remove(); });
      flag.append(button);
    });
    group.append(flag);
    if (options.autoClose) setTimeout(function () { flag.remove(); }, 8000);
  }

  function refreshIssueView() {
    var shown = document.querySelector('main.issue-view article.issue');
    if (!shown) return Promise.resolve(false);
    return fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error('The issue view could not be read (HTTP ' + response.status + ').');
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main.issue-view article.issue');
        if (fresh) shown.innerHTML = fresh.innerHTML;
        document.body.dataset.issueViewRefreshes = String(Number(document.body.dataset.issueViewRefreshes || 0) + 1);
        return true;
      });
  }
`;
