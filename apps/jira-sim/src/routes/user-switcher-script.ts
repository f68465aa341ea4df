/**
 * The browser side of the "Signed in as" switcher both host pages show (host-page-chrome.ts):
 * picking a person reloads this window as them (`?user=<accountId>`), the rest of the URL kept.
 * Plain JS, inlined into each host page's own script.
 */
export const USER_SWITCHER_SCRIPT = String.raw`
  document.getElementById('user-switcher').addEventListener('change', function (event) {
    var url = new URL(window.location.href);
    url.searchParams.set('user', event.target.value);
    window.location.assign(url.toString());
  });
`;
