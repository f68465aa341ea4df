import { HOST_PAGE_SCRIPT } from './host-page-script';
import { HOST_PAGE_STYLE } from './host-page-style';

export type HostView =
  | { kind: 'rooms'; roomId: string | null }
  | { kind: 'admin' }
  | { kind: 'missing'; issueKey: string }
  | {
      kind: 'issue';
      issueKey: string;
      projectKey: string;
      projectName: string;
      summary: string;
      description: string;
      assignee: string | null;
      estimate: number | null;
    };

export interface HostPageModel {
  /** Where the installed app lives; null when no app is installed. */
  appBaseUrl: string | null;
  accountId: string;
  users: { accountId: string; displayName: string; avatarUrl: string }[];
  issues: { key: string; summary: string; projectKey: string }[];
  view: HostView;
}

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** JSON inside a <script> element: `<` escaped so no text can close the element. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function link(path: string, accountId: string): string {
  return `${path}?user=${encodeURIComponent(accountId)}`;
}

function sidebar(model: HostPageModel, current: string | null): string {
  const projects = [...new Set(model.issues.map((issue) => issue.projectKey))];
  return projects
    .map((project) => {
      const items = model.issues
        .filter((issue) => issue.projectKey === project)
        .map(
          (issue) =>
            `<li><a class="${issue.key === current ? 'active' : ''}" href="${link(`/browse/${issue.key}`, model.accountId)}">` +
            `<span class="key">${escapeHtml(issue.key)}</span><span class="summary">${escapeHtml(issue.summary)}</span></a></li>`,
        )
        .join('');
      return `<h2>${escapeHtml(project)} issues</h2><ul>${items}</ul>`;
    })
    .join('');
}

function appFrame(path: string, params: Record<string, string>, className: string): string {
  return (
    `<iframe id="poker-app" class="${className}" title="Planning poker" ` +
    `data-path="${escapeHtml(path)}" data-params="${escapeHtml(JSON.stringify(params))}"></iframe>`
  );
}

function main(model: HostPageModel): string {
  const { view } = model;
  if (!model.appBaseUrl) {
    return `<main class="notice"><h1>No app installed</h1><p>Install the app into this simulated site first (POST /_sim/install).</p></main>`;
  }
  if (view.kind === 'rooms') {
    const params: Record<string, string> = view.roomId ? { 'ac.roomId': view.roomId } : {};
    return `<main class="full">${appFrame('/app/rooms', params, 'page-frame')}</main>`;
  }
  if (view.kind === 'admin') {
    return `<main class="full">${appFrame('/app/admin', {}, 'page-frame')}</main>`;
  }
  if (view.kind === 'missing') {
    return `<main class="notice"><h1>${escapeHtml(view.issueKey)} does not exist</h1></main>`;
  }
  const details = [
    ['Assignee', view.assignee ?? 'Unassigned'],
    ['Estimate', view.estimate === null ? 'None' : String(view.estimate)],
  ]
    .map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return (
    `<main class="issue-view"><article class="issue"><nav class="crumbs">Projects / ${escapeHtml(view.projectName)} / ${escapeHtml(view.issueKey)}</nav>` +
    `<h1>${escapeHtml(view.summary)}</h1><h3>Description</h3><p>${escapeHtml(view.description)}</p>` +
    `<h3>Details</h3><dl>${details}</dl></article>` +
    `<aside class="glance"><header><span class="glance-icon"></span>Planning poker</header>` +
    appFrame(
      '/app/glance',
      { issueKey: view.issueKey, projectKey: view.projectKey },
      'glance-frame',
    ) +
    `</aside></main>`
  );
}

/** The same view on the Forge host page (src/forge/host-page.ts). */
function forgeTwin(view: HostView): string {
  if (view.kind === 'issue' || view.kind === 'missing') return `/forge/browse/${view.issueKey}`;
  return view.kind === 'admin' ? '/forge/admin' : '/forge';
}

/** The user switcher's options, the person of this window selected. */
export function userOptions(
  users: readonly { accountId: string; displayName: string }[],
  accountId: string,
): string {
  return users
    .map(
      (user) =>
        `<option value="${escapeHtml(user.accountId)}"${user.accountId === accountId ? ' selected' : ''}>${escapeHtml(user.displayName)}</option>`,
    )
    .join('');
}

/** The whole host page: Jira-like chrome around the app's iframe, plus the bridge script. */
export function renderHostPage(model: HostPageModel): string {
  const { accountId, users, view } = model;
  const options = userOptions(users, accountId);
  const me = users.find((user) => user.accountId === accountId);
  const config = {
    appBaseUrl: model.appBaseUrl,
    accountId,
    issueKey: view.kind === 'issue' ? view.issueKey : null,
    projectKey: view.kind === 'issue' ? view.projectKey : null,
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.kind === 'issue' ? `${escapeHtml(view.issueKey)} · ` : ''}Jira (simulated)</title>
<style>${HOST_PAGE_STYLE}</style></head>
<body>
<header class="topnav">
  <a class="logo" href="${link('/', accountId)}"><span class="logo-mark"></span>Jira<span class="sim-tag">simulator</span></a>
  <nav><a class="${view.kind === 'rooms' ? 'active' : ''}" href="${link('/', accountId)}">Planning poker</a>
  <a class="${view.kind === 'admin' ? 'active' : ''}" href="${link('/admin', accountId)}">App settings</a>
  <a class="host-switch" href="${link(forgeTwin(view), accountId)}">Forge host</a></nav>
  <span class="spacer"></span>
  <label class="switcher">Signed in as <select id="user-switcher" aria-label="Signed in as">${options}</select></label>
  ${me ? `<img class="me" src="${escapeHtml(me.avatarUrl)}" alt="">` : ''}
</header>
<div class="layout"><aside class="sidebar">${sidebar(model, config.issueKey)}</aside>${main(model)}</div>
<script type="application/json" id="host-config">${scriptJson(config)}</script>
<script>${HOST_PAGE_SCRIPT}</script>
</body></html>`;
}
