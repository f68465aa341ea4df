import { HOST_FLAG_SCRIPT } from './host-flag-script';
import { USER_SWITCHER_SCRIPT } from './user-switcher-script';

/**
 * The host page's browser script (plain JS, inlined into the page). It plays all.js for the
 * demo: it loads the app into the iframe with `host=demo&xdm_e=<this origin>`, and answers the
 * app's bridge messages (apps/client/src/host/demo-bridge.ts) only from the app's origin:
 *
 * - getToken       → POST /_sim/token for the signed-in person (a context JWT)
 * - request        → the site's REST API as that person (`sim_user` cookie, this origin only)
 * - getCurrentUser → { accountId }
 * - getContext     → { issueKey, projectKey } of the issue view
 * - openRoomPage   → navigates this window to the rooms page with the room open
 * - showRoom       → keeps the open room in this page's URL (`?roomId=`), so a reload returns
 * - flag           → AP.flag.create's options ({ title, body, type, close }): a flag in this page,
 *                    outside the iframe (#host-flags; host-flag-script.ts). `?flags=none` plays a
 *                    host without flags (an old all.js): the call is refused
 * - refreshIssuePage → AP.jira.refreshIssuePage(): the issue view redraws its fields from the
 *                    site without a reload; elsewhere nothing happens
 */
export const HOST_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var CHANNEL = 'poker-demo-bridge';
  var config = JSON.parse(document.getElementById('host-config').textContent);
  var accountId = config.accountId;
${USER_SWITCHER_SCRIPT}
${HOST_FLAG_SCRIPT}
  var frame = document.getElementById('poker-app');
  if (!frame || !config.appBaseUrl) return;
  var appOrigin = new URL(config.appBaseUrl).origin;
  var src = new URL(config.appBaseUrl.replace(/\/+$/, '') + frame.dataset.path);
  var params = JSON.parse(frame.dataset.params || '{}');
  Object.keys(params).forEach(function (key) { src.searchParams.set(key, params[key]); });
  src.searchParams.set('host', 'demo');
  src.searchParams.set('xdm_e', window.location.origin);
  // The demo's own dark-mode switch, as on the Forge host page: ?theme=dark (or light).
  var theme = new URLSearchParams(window.location.search).get('theme');
  if (theme === 'dark' || theme === 'light') src.searchParams.set('theme', theme);
  frame.src = src.toString();

  // The cookie is set right before each call: windows of one browser share it, and each window
  // may act as someone else.
  function signIn() {
    document.cookie = 'sim_user=' + encodeURIComponent(accountId) + '; path=/; SameSite=Lax';
  }

  var flagGroup = document.getElementById('host-flags');
  var flagCount = 0;
  var withFlags = new URLSearchParams(window.location.search).get('flags') !== 'none';

  var handlers = {
    getToken: function () {
      return fetch('/_sim/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ accountId: accountId }),
      }).then(function (response) {
        if (!response.ok) throw new Error('The site refused a token (HTTP ' + response.status + ').');
        return response.json();
      }).then(function (body) { return body.token; });
    },
    request: function (request) {
      var url = String(request && request.url);
      var method = String((request && request.method) || 'GET').toUpperCase();
      // Like all.js: only the product's REST API, relative to this site.
      if (!/^\/rest\//.test(url)) return Promise.reject(new Error('Only /rest/ URLs of this site.'));
      if (['GET', 'POST', 'PUT'].indexOf(method) < 0) return Promise.reject(new Error('Method not allowed.'));
      var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
      if (request.body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(request.body);
      }
      signIn();
      return fetch(url, init).then(function (response) {
        return response.text().then(function (body) { return { status: response.status, body: body }; });
      });
    },
    getCurrentUser: function () {
      return Promise.resolve({ accountId: accountId });
    },
    getContext: function () {
      return Promise.resolve({ issueKey: config.issueKey, projectKey: config.projectKey });
    },
    openRoomPage: function (params) {
      var url = new URL('/', window.location.origin);
      url.searchParams.set('user', accountId);
      url.searchParams.set('roomId', String(params && params.roomId));
      window.location.assign(url.toString());
      return Promise.resolve(null);
    },
    showRoom: function (params) {
      // Only the rooms page keeps a room; the issue view's panel has no URL of its own.
      if (window.location.pathname !== '/') return Promise.resolve(null);
      var roomId = params && params.roomId;
      var url = new URL(window.location.href);
      if (typeof roomId === 'string' && /^[0-9a-fA-F-]{36}$/.test(roomId)) url.searchParams.set('roomId', roomId);
      else url.searchParams.delete('roomId');
      if (url.toString() !== window.location.href) window.history.replaceState(null, '', url.toString());
      return Promise.resolve(null);
    },
    refreshIssuePage: function () {
      return refreshIssueView().then(function () { return null; });
    },
  };
  // AP.flag.create: type info by default; close manual by default (AUI's default), auto fades.
  if (withFlags) {
    handlers.flag = function (options) {
      showSimFlag(flagGroup, 'host-flag', {
        id: 'connect-' + (++flagCount),
        title: options && options.title,
        body: options && options.body,
        type: options && options.type,
        autoClose: !!options && options.close === 'auto',
      });
      return Promise.resolve(null);
    };
  }

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
    var message = event.data;
    if (!message || message.channel !== CHANNEL || typeof message.id !== 'number') return;
    var reply = function (answer) {
      answer.channel = CHANNEL;
      answer.id = message.id;
      frame.contentWindow.postMessage(answer, appOrigin);
    };
    var handler = Object.prototype.hasOwnProperty.call(handlers, message.method)
      ? handlers[message.method]
      : null;
    if (!handler) return reply({ ok: false, message: 'Unknown bridge method.' });
    handler(message.params).then(
      function (result) { reply({ ok: true, result: result }); },
      function (error) { reply({ ok: false, message: String((error && error.message) || error) }); }
    );
  });
})();
`;
