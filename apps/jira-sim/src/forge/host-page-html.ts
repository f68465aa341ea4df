import { escapeHtml, scriptJson, userOptions } from '../routes/host-page-html';
import { HOST_PAGE_STYLE } from '../routes/host-page-style';
import { FORGE_HOST_SCRIPT } from './host-script';

export type ForgeHostView =
  | { kind: 'rooms'; projectKey: string; projectName: string }
  | { kind: 'admin' }
  /** An issue that does not exist or that this person may not browse: Jira's "can't view". */
  | { kind: 'hidden'; issueKey: string }
  | { kind: 'no-project'; projectKey: string }
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

export interface ForgeHostModel {
  cdnUrl: string;
  installed: boolean;
  accountId: string;
  users: { accountId: string; displayName: string; avatarUrl: string }[];
  /** Only the issues this person may browse, as Jira lists them. */
  issues: { key: string; summary: string; projectKey: string }[];
  view: ForgeHostView;
  /** The FullContext getContext answers; null when no frame is shown. */
  context: Record<string, unknown> | null;
  theme: Record<string, string>;
}

const FORGE_STYLE = `
.forge-tag{background:#dcfff1;color:#216e4e}
#forge-flags{position:fixed;left:24px;bottom:24px;z-index:5;display:flex;flex-direction:column;gap:8px;width:400px}
.forge-flag{position:relative;padding:16px 40px 16px 16px;border-radius:4px;background:#fff;box-shadow:0 8px 12px #091e4226,0 0 1px #091e424f}
.forge-flag-success{border-left:4px solid #22a06b}.forge-flag-error{border-left:4px solid #c9372c}
.forge-flag-warning{border-left:4px solid #e2b203}.forge-flag-info{border-left:4px solid #0c66e4}
.forge-flag-title{display:block}.forge-flag-description{margin:4px 0 0}
.forge-flag-close{position:absolute;top:8px;right:8px;border:0;background:none;font-size:18px;cursor:pointer}
.forge-flag-action{margin:8px 8px 0 0;border:0;background:none;color:#0c66e4;cursor:pointer;padding:0}
.forge-frame{flex:1;width:100%;min-height:calc(100vh - 56px);border:0}
.forge-panel{flex:1;width:400px;border:0}
`;

const link = (path: string, accountId: string) => `${path}?user=${encodeURIComponent(accountId)}`;

function sidebar(model: ForgeHostModel, current: string | null): string {
  const projects = [...new Set(model.issues.map((issue) => issue.projectKey))];
  return projects
    .map((project) => {
      const items = model.issues
        .filter((issue) => issue.projectKey === project)
        .map(
          (issue) =>
            `<li><a class="${issue.key === current ? 'active' : ''}" href="${link(`/forge/browse/${issue.key}`, model.accountId)}">` +
            `<span class="key">${escapeHtml(issue.key)}</span><span class="summary">${escapeHtml(issue.summary)}</span></a></li>`,
        )
        .join('');
      return `<h2><a href="${link(`/forge/projects/${project}`, model.accountId)}">${escapeHtml(project)}</a> issues</h2><ul>${items}</ul>`;
    })
    .join('');
}

const frame = (className: string) =>
  `<iframe id="forge-app" class="${className}" title="Planning poker (Forge)"></iframe>`;

function main(model: ForgeHostModel): string {
  const { view } = model;
  if (!model.installed) {
    return `<main class="notice"><h1>No Forge app installed</h1><p>Install it first (sim.forge.install or POST /_sim/forge/install).</p></main>`;
  }
  if (view.kind === 'rooms' || view.kind === 'admin') {
    return `<main class="full">${frame('forge-frame')}</main>`;
  }
  if (view.kind === 'no-project') {
    return `<main class="notice"><h1>You can't view this project</h1><p>${escapeHtml(view.projectKey)} doesn't exist or you don't have permission to view it.</p></main>`;
  }
  if (view.kind === 'hidden') {
    return `<main class="notice"><h1>You can't view this issue</h1><p>${escapeHtml(view.issueKey)} doesn't exist or you don't have permission to view it.</p></main>`;
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
    `<aside class="glance"><header><span class="glance-icon"></span>Planning poker</header>${frame('forge-panel')}</aside></main>`
  );
}

/** The Connect host page's twin of this view. */
function connectTwin(view: ForgeHostView): string {
  if (view.kind === 'issue' || view.kind === 'hidden') return `/browse/${view.issueKey}`;
  return view.kind === 'admin' ? '/admin' : '/';
}

/** The Forge host page: Jira-like chrome, the Custom UI frame from the CDN, flags, bridge. */
export function renderForgeHostPage(model: ForgeHostModel): string {
  const { accountId, users, view } = model;
  const options = userOptions(users, accountId);
  const me = users.find((user) => user.accountId === accountId);
  const showsFrame = model.installed && ['rooms', 'admin', 'issue'].includes(view.kind);
  const config = {
    cdnUrl: model.cdnUrl,
    accountId,
    context: model.context,
    theme: model.theme,
  };
  const issueKey = view.kind === 'issue' ? view.issueKey : null;
  return `<!doctype html>
<html lang="en" data-color-mode="${escapeHtml(model.theme.colorMode)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${issueKey ? `${escapeHtml(issueKey)} · ` : ''}Jira (simulated, Forge)</title>
<style>${HOST_PAGE_STYLE}${FORGE_STYLE}</style></head>
<body>
<header class="topnav">
  <a class="logo" href="${link('/forge', accountId)}"><span class="logo-mark"></span>Jira<span class="sim-tag">simulator</span><span class="sim-tag forge-tag">Forge</span></a>
  <nav><a class="${view.kind === 'rooms' ? 'active' : ''}" href="${link('/forge', accountId)}">Planning poker</a>
  <a class="${view.kind === 'admin' ? 'active' : ''}" href="${link('/forge/admin', accountId)}">App settings</a>
  <a class="host-switch" href="${link(connectTwin(view), accountId)}">Connect host</a></nav>
  <span class="spacer"></span>
  <label class="switcher">Signed in as <select id="user-switcher" aria-label="Signed in as">${options}</select></label>
  ${me ? `<img class="me" src="${escapeHtml(me.avatarUrl)}" alt="">` : ''}
</header>
<div class="layout"><aside class="sidebar">${sidebar(model, issueKey)}</aside>${main(model)}</div>
<div id="forge-flags" aria-live="polite"></div>
<script type="application/json" id="forge-host-config">${scriptJson(config)}</script>
${showsFrame ? `<script>${FORGE_HOST_SCRIPT}</script>` : `<script>document.getElementById('user-switcher').addEventListener('change',function(e){var u=new URL(location.href);u.searchParams.set('user',e.target.value);location.assign(u.toString());});</script>`}
</body></html>`;
}
