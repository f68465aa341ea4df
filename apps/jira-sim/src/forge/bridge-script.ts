/**
 * The script the simulator's CDN injects at the top of the Custom UI's <head>, before any of the
 * app's scripts (@forge/bridge reads `globalThis.__bridge` when its modules load). It plays the
 * part of the product's iframe glue: `callBridge(name, payload)` goes to the host page with
 * postMessage, and the answer resolves the promise @forge/bridge awaits.
 *
 * Atlassian's wire format is not public; ours is
 *   iframe → host  { channel: 'forge-sim-bridge', id, call, payload }
 *   host → iframe  { channel: 'forge-sim-bridge', id, ok: true, result } | { ..., ok: false, error }
 * sent only to the host origin named by the iframe URL's `hostOrigin` parameter, and answers are
 * taken only from window.parent at that origin.
 *
 * Calls whose payload holds callbacks cannot cross postMessage, so they are answered here, in
 * the frame: `on`/`onPublic`/`emit`/`emitPublic` (a bus within this frame) and `createHistory`
 * (an in-memory history that starts at the frame URL's `route` and tells the host page each
 * move, `routeChanged`, which keeps it in the page URL as Jira does). `enableTheming` goes to the host and applies the theme it answers as
 * Jira's frame glue does: `data-color-mode` / `data-theme` on this document's root element.
 */
export const BRIDGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var CHANNEL = 'forge-sim-bridge';
  var hostOrigin = new URLSearchParams(window.location.search).get('hostOrigin') || '';
  var nextId = 1;
  var pending = {};
  var listeners = {};

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== hostOrigin) return;
    var message = event.data;
    if (!message || message.channel !== CHANNEL || !pending[message.id]) return;
    var waiter = pending[message.id];
    delete pending[message.id];
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(String(message.error || 'The host refused the bridge call.')));
  });

  function toHost(call, payload) {
    return new Promise(function (resolve, reject) {
      if (!hostOrigin || window.parent === window) {
        return reject(new Error('No Forge host page around this frame.'));
      }
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      var send = function (data) {
        window.parent.postMessage({ channel: CHANNEL, id: id, call: call, payload: data }, hostOrigin);
      };
      try {
        send(payload);
      } catch (error) {
        // A payload with functions (e.g. flag actions' onClick) cannot be cloned: send its data.
        try {
          send(payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)));
        } catch (again) {
          delete pending[id];
          reject(again);
        }
      }
    });
  }

  function applyTheme(theme) {
    if (!theme) return;
    var root = document.documentElement;
    root.setAttribute('data-color-mode', theme.colorMode || 'light');
    root.setAttribute(
      'data-theme',
      ['dark', 'light', 'spacing', 'typography']
        .filter(function (name) { return theme[name]; })
        .map(function (name) { return name + ':' + theme[name]; })
        .join(' ')
    );
  }

  function subscribe(payload) {
    var name = payload && payload.event;
    (listeners[name] = listeners[name] || []).push(payload.callback);
    return Promise.resolve({
      unsubscribe: function () {
        listeners[name] = (listeners[name] || []).filter(function (cb) { return cb !== payload.callback; });
      },
    });
  }

  function emit(payload) {
    (listeners[payload && payload.event] || []).forEach(function (callback) {
      try { callback(payload.payload); } catch (error) { console.error(error); }
    });
    return Promise.resolve();
  }

  function createHistory() {
    var watchers = [];
    var parse = function (path) {
      var url = new URL(String(path), 'https://frame.invalid');
      return { pathname: url.pathname, search: url.search, hash: url.hash, state: null, key: String(Date.now()) };
    };
    var history = {
      action: 'POP',
      location: parse(new URLSearchParams(window.location.search).get('route') || '/'),
      push: function (path) { move('PUSH', path); },
      replace: function (path) { move('REPLACE', path); },
      go: function () {}, back: function () {}, forward: function () {},
      listen: function (watcher) {
        watchers.push(watcher);
        return function () { watchers = watchers.filter(function (w) { return w !== watcher; }); };
      },
    };
    function move(action, path) {
      history.action = action;
      history.location = parse(typeof path === 'string' ? path : (path.pathname || '/') + (path.search || '') + (path.hash || ''));
      watchers.slice().forEach(function (watcher) { watcher(history.location, action); });
      toHost('routeChanged', { path: history.location.pathname, action: action }).catch(function () {});
    }
    return Promise.resolve(history);
  }

  var local = {
    on: subscribe,
    onPublic: subscribe,
    emit: emit,
    emitPublic: emit,
    createHistory: createHistory,
    enableTheming: function () {
      return toHost('enableTheming').then(function (theme) { applyTheme(theme); });
    },
  };

  globalThis.__bridge = {
    callBridge: function (call, payload) {
      if (Object.prototype.hasOwnProperty.call(local, call)) return local[call](payload);
      return toHost(call, payload);
    },
  };
})();
`;
