import {
  issueSidebar,
  issueViewMain,
  topNav,
  type HostIssue,
  type HostIssueView,
  type HostUser,
} from '../routes/host-page-chrome';
import { HOST_PAGE_STYLE } from '../routes/host-page-style';
import { escapeHtml, scriptJson } from '../routes/html-escape';
import { USER_SWITCHER_SCRIPT } from '../routes/user-switcher-script';
import { FORGE_HOST_SCRIPT } from './host-script';

export type ForgeHostView =
  | { kind: 'rooms'; projectKey: string; projectName: string }
  | { kind: 'admin' }
  /** An issue that does not exist or that this person may not browse: Jira's "can't view". */
  | { kind: 'hidden'; issueKey: string }
  | { kind: 'no-project'; projectKey: string }
  | HostIssueView;

export interface ForgeHostModel {
  cdnUrl: string;
  installed: boolean;
  accountId: string;
  users: HostUser[];
  /** Only the issues this person may browse, as Jira lists them. */
  issues: HostIssue[];
  view: ForgeHostView;
  /** The FullContext getContext answers; null when no frame is shown. */
  context: Record<string, unknown> | null;
  theme: Record<string, string>;
  /**
   * A full page's Custom UI route: `path` is where its history starts, `base` the page URL it
   * is kept under (`<base><path>`). Null for panels and pages without one.
   */
  route?: { base: string; path: string } | null;
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
  return issueViewMain(view, frame('forge-panel'));
}

/** The Connect host page's twin of this view. */
function connectTwin(view: ForgeHostView): string {
  if (view.kind === 'issue' || view.kind === 'hidden') return `/browse/${view.issueKey}`;
  return view.kind === 'admin' ? '/admin' : '/';
}

/** The Forge host page: Jira-like chrome, the Custom UI frame from the CDN, flags, bridge. */
export function renderForgeHostPage(model: ForgeHostModel): string {
  const { accountId, users, view } = model;
  const showsFrame = model.installed && ['rooms', 'admin', 'issue'].includes(view.kind);
  const config = {
    cdnUrl: model.cdnUrl,
    accountId,
    context: model.context,
    theme: model.theme,
    route: model.route ?? null,
  };
  const issueKey = view.kind === 'issue' ? view.issueKey : null;
  const nav = topNav({
    accountId,
    users,
    roomsPath: '/forge',
    adminPath: '/forge/admin',
    active: view.kind === 'rooms' || view.kind === 'admin' ? view.kind : null,
    logoTags: '<span class="sim-tag forge-tag">Forge</span>',
    twin: { path: connectTwin(view), label: 'Connect host' },
  });
  const sidebar = issueSidebar({
    issues: model.issues,
    accountId,
    currentIssueKey: issueKey,
    issuePath: (key) => `/forge/browse/${key}`,
    projectPath: (projectKey) => `/forge/projects/${projectKey}`,
  });
  // Without the Custom UI frame there is no bridge to answer; only the user switcher works.
  const script = showsFrame ? FORGE_HOST_SCRIPT : USER_SWITCHER_SCRIPT;
  return `<!doctype html>
<html lang="en" data-color-mode="${escapeHtml(model.theme.colorMode)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${issueKey ? `${escapeHtml(issueKey)} · ` : ''}Jira (simulated, Forge)</title>
<style>${HOST_PAGE_STYLE}${FORGE_STYLE}</style></head>
<body>
${nav}
<div class="layout"><aside class="sidebar">${sidebar}</aside>${main(model)}</div>
<div id="forge-flags" aria-live="polite"></div>
<script type="application/json" id="forge-host-config">${scriptJson(config)}</script>
<script>${script}</script>
</body></html>`;
}
