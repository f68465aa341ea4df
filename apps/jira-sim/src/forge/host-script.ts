import { HOST_FLAG_SCRIPT } from '../routes/host-flag-script';
import { USER_SWITCHER_SCRIPT } from '../routes/user-switcher-script';

/**
 * The Forge host page's browser script (plain JS, inlined). It frames the Custom UI from the
 * CDN origin with `?hostOrigin=<this origin>` and answers the bridge calls the injected script
 * (bridge-script.ts) forwards, only from that frame and that origin. Names and shapes are
 * @forge/bridge's (node_modules/@forge/bridge/out):
 *
 * - getContext          → the FullContext of this module (accountId, cloudId, extension, theme…)
 * - invoke              → { invokeType: 'ui-remote-fetch', path, method, body, headers } is
 *                         invokeRemote: proxied by the site (/_sim/forge/invoke-remote) with a
 *                         fresh FIT and the endpoint's tokens; answers { success, payload|error }
 * - fetchProduct        → { product: 'jira', restPath, fetchRequestInit } is requestJira: the
 *                         site's REST API as this person with their user token; answers
 *                         { body, headers, status, statusText, isAttachment }
 * - navigate            → { url | target…, type: 'same-tab' | 'new-tab' }; getUrl → URL string
 * - routeChanged        → { path, action }: the Custom UI's history moved; a full page keeps
 *                         it in this page's URL (`<route.base><path>`), so a reload returns
 * - reload              → reloads this window
 * - showFlag / closeFlag→ a visible flag in this page (#forge-flags [data-flag-id]; see
 *                         host-flag-script.ts); answers null
 * - enableTheming       → the theme ({ colorMode, … }); the frame applies it to its <html>
 * - refresh             → in the issue view, redraws the fields from the site (the
 *                         panel stays); elsewhere reloads the frame; answers true
 * - close / open / submit / onClose → false (no modal)
 * - changeWindowTitle   → sets this document's title
 * Anything else is refused with an error naming the call.
 */
export const FORGE_HOST_SCRIPT = String.raw`
(function () {
  'use strict';
  var CHANNEL = 'forge-sim-bridge';
  var config = JSON.parse(document.getElementById('forge-host-config').textContent);
  var accountId = config.accountId;
${USER_SWITCHER_SCRIPT}
${HOST_FLAG_SCRIPT}
  var frame = document.getElementById('forge-app');
  if (!frame) return;
  var cdnOrigin = new URL(config.cdnUrl).origin;
  var src = new URL('/index.html', config.cdnUrl);
  src.searchParams.set('hostOrigin', window.location.origin);
  if (config.route) src.searchParams.set('route', config.route.path);
  frame.src = src.toString();

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
        return answer;
      });
    });
  }

  function withUser(path) {
    var url = new URL(path, window.location.origin);
    url.searchParams.set('user', accountId);
    if (config.theme.colorMode === 'dark') url.searchParams.set('theme', 'dark');
    return url.toString();
  }

  var MODULE_PATHS = { 'poker-rooms': '/forge', 'poker-admin': '/forge/admin' };
  var APP_ROUTE = /^\/[A-Za-z0-9\/_-]*$/;

  /** A module's page: the rooms page of a project, at the app's route (path) when given. */
  function modulePath(location) {
    var path = typeof location.path === 'string' && location.path !== '/' ? location.path : '';
    if (path && !APP_ROUTE.test(path)) throw new Error('Not an app route: ' + path);
    if (location.moduleKey === 'poker-rooms' && location.projectKey) {
      return '/forge/projects/' + encodeURIComponent(location.projectKey) + path;
    }
    return MODULE_PATHS[location.moduleKey] + path;
  }

  /** A router location (string URL or { target, ... }) as a URL of this site. */
  function urlOf(location) {
    if (location && typeof location.url === 'string') {
      var url = new URL(location.url, window.location.origin);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('Only http(s) URLs.');
      return url.origin === window.location.origin ? withUser(url.pathname + url.search) : url.toString();
    }
    var target = location && location.target;
    if (target === 'issue') return withUser('/forge/browse/' + encodeURIComponent(location.issueKey));
    if (target === 'module' && MODULE_PATHS[location.moduleKey]) return withUser(modulePath(location));
    if (target === 'projectSettingsDetails' || target === 'dashboard' || target === 'userProfile') {
      return withUser('/forge');
    }
    throw new Error('The simulator cannot navigate to target ' + JSON.stringify(target) + '.');
  }

  var flags = document.getElementById('forge-flags');
  // showFlag's options: a flag with an appearance (bold) has no dismiss button (Forge's docs).
  function showFlag(options) {
    showSimFlag(flags, 'forge-flag', {
      id: options && options.id,
      title: options.title,
      body: options.description,
      type: options.type,
      autoClose: !!options.isAutoDismiss,
      dismissible: !options.appearance,
      actions: (options.actions || []).map(function (action) { return action && action.text; }),
    });
    return Promise.resolve(null);
  }
  function closeFlag(payload) {
    closeSimFlag(flags, String(payload && payload.id));
    return Promise.resolve(null);
  }

  var handlers = {
    getContext: function () { return Promise.resolve(config.context); },
    invoke: function (payload) {
      if (!payload || payload.invokeType !== 'ui-remote-fetch') {
        return Promise.reject(new Error('This app has no Forge functions: only invokeRemote (ui-remote-fetch) is answered.'));
      }
      return post('/_sim/forge/invoke-remote', {
        accountId: accountId,
        path: payload.path,
        method: payload.method,
        body: payload.body,
        headers: payload.headers,
        moduleKey: config.context.moduleKey,
        extension: config.context.extension,
      });
    },
    fetchProduct: function (payload) {
      if (!payload || payload.product !== 'jira') {
        return Promise.reject(new Error('Only requestJira is answered on a Jira site.'));
      }
      return post('/_sim/forge/fetch-product', {
        accountId: accountId,
        restPath: payload.restPath,
        fetchRequestInit: payload.fetchRequestInit || {},
      });
    },
    navigate: function (payload) {
      var url = urlOf(payload);
      if (payload.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
      return Promise.resolve(null);
    },
    // A URL to share: Jira's, naming no one (whoever opens it is signed in as themselves).
    getUrl: function (payload) {
      var url = new URL(urlOf(payload));
      url.searchParams.delete('user');
      url.searchParams.delete('theme');
      return Promise.resolve(url.toString());
    },
    routeChanged: function (payload) {
      var path = String((payload && payload.path) || '/');
      if (!config.route || !APP_ROUTE.test(path)) return Promise.resolve(null);
      var url = new URL(config.route.base + (path === '/' ? '' : path), window.location.origin);
      url.search = window.location.search;
      if (url.toString() === window.location.href) return Promise.resolve(null);
      if (payload.action === 'REPLACE') window.history.replaceState(null, '', url.toString());
      else window.history.pushState(null, '', url.toString());
      return Promise.resolve(null);
    },
    reload: function () { window.location.reload(); return Promise.resolve(null); },
    showFlag: showFlag,
    closeFlag: closeFlag,
    enableTheming: function () { return Promise.resolve(config.theme); },
    // In the issue view: Jira re-reads the issue and redraws its fields; the panel stays.
    // Elsewhere the module's frame is loaded again.
    refresh: function () {
      return refreshIssueView().then(function (done) {
        if (!done) frame.src = frame.src;
        return true;
      });
    },
    close: function () { return Promise.resolve(false); },
    open: function () { return Promise.resolve(false); },
    submit: function () { return Promise.resolve(false); },
    onClose: function () { return Promise.resolve(false); },
    changeWindowTitle: function (title) { document.title = String(title); return Promise.resolve(null); },
  };

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== cdnOrigin) return;
    var message = event.data;
    if (!message || message.channel !== CHANNEL || typeof message.id !== 'number') return;
    var reply = function (answer) {
      answer.channel = CHANNEL;
      answer.id = message.id;
      frame.contentWindow.postMessage(answer, cdnOrigin);
    };
    var handler = Object.prototype.hasOwnProperty.call(handlers, message.call) ? handlers[message.call] : null;
    if (!handler) {
      return reply({ ok: false, error: "The simulated Jira does not answer the bridge call '" + String(message.call) + "'." });
    }
    var result;
    try {
      result = handler(message.payload);
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      function (value) { reply({ ok: true, result: value === undefined ? null : value }); },
      function (error) { reply({ ok: false, error: String((error && error.message) || error) }); }
    );
  });
})();
`;
