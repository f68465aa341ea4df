import {
  issueSidebar,
  issueViewMain,
  topNav,
  type HostIssue,
  type HostIssueView,
  type HostUser,
} from './host-page-chrome';
import { escapeHtml, scriptJson } from './html-escape';
import { HOST_FLAG_STYLE } from './host-flag-script';
import { HOST_PAGE_SCRIPT } from './host-page-script';
import { HOST_PAGE_STYLE } from './host-page-style';

export type HostView =
  | { kind: 'rooms'; roomId: string | null }
  | { kind: 'admin' }
  | { kind: 'missing'; issueKey: string }
  | HostIssueView;

export interface HostPageModel {
  /** Where the installed app lives; null when no app is installed. */
  appBaseUrl: string | null;
  accountId: string;
  users: HostUser[];
  issues: HostIssue[];
  view: HostView;
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
  const glance = appFrame(
    '/app/glance',
    { issueKey: view.issueKey, projectKey: view.projectKey },
    'glance-frame',
  );
  return issueViewMain(view, glance);
}

/** The same view on the Forge host page (src/forge/host-page.ts). */
function forgeTwin(view: HostView): string {
  if (view.kind === 'issue' || view.kind === 'missing') return `/forge/browse/${view.issueKey}`;
  return view.kind === 'admin' ? '/forge/admin' : '/forge';
}

/** The whole host page: Jira-like chrome around the app's iframe, plus the bridge script. */
export function renderHostPage(model: HostPageModel): string {
  const { accountId, users, view } = model;
  const config = {
    appBaseUrl: model.appBaseUrl,
    accountId,
    issueKey: view.kind === 'issue' ? view.issueKey : null,
    projectKey: view.kind === 'issue' ? view.projectKey : null,
  };
  const nav = topNav({
    accountId,
    users,
    roomsPath: '/',
    adminPath: '/admin',
    active: view.kind === 'rooms' || view.kind === 'admin' ? view.kind : null,
    twin: { path: forgeTwin(view), label: 'Forge host' },
  });
  const sidebar = issueSidebar({
    issues: model.issues,
    accountId,
    currentIssueKey: config.issueKey,
    issuePath: (issueKey) => `/browse/${issueKey}`,
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.kind === 'issue' ? `${escapeHtml(view.issueKey)} · ` : ''}Jira (simulated)</title>
<style>${HOST_PAGE_STYLE}${HOST_FLAG_STYLE}</style></head>
<body>
${nav}
<div class="layout"><aside class="sidebar">${sidebar}</aside>${main(model)}</div>
<div id="host-flags" class="host-flags" aria-live="polite"></div>
<script type="application/json" id="host-config">${scriptJson(config)}</script>
<script>${HOST_PAGE_SCRIPT}</script>
</body></html>`;
}
