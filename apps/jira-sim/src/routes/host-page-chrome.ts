import { escapeHtml } from './html-escape';

/**
 * The Jira-like chrome the Connect host page (host-page-html.ts) and the Forge host page
 * (forge/host-page-html.ts) share: the top bar with the user switcher, the issue sidebar and the
 * issue view around the app's panel. One builder for both, so the two hosts look and link alike;
 * each host passes only what differs (its paths, its frame).
 */

/** A person in the user switcher. */
export interface HostUser {
  accountId: string;
  displayName: string;
  avatarUrl: string;
}

/** An issue of the sidebar. */
export interface HostIssue {
  key: string;
  summary: string;
  projectKey: string;
}

/** The issue view: Jira's own fields beside the app's panel. */
export interface HostIssueView {
  kind: 'issue';
  issueKey: string;
  projectKey: string;
  projectName: string;
  summary: string;
  description: string;
  assignee: string | null;
  estimate: number | null;
}

/** A host page link that keeps the person of this window. */
export function userLink(path: string, accountId: string): string {
  return `${path}?user=${encodeURIComponent(accountId)}`;
}

/** The user switcher's options, the person of this window selected. */
function userOptions(users: readonly HostUser[], accountId: string): string {
  return users
    .map(
      (user) =>
        `<option value="${escapeHtml(user.accountId)}"${user.accountId === accountId ? ' selected' : ''}>${escapeHtml(user.displayName)}</option>`,
    )
    .join('');
}

export interface TopNavOptions {
  accountId: string;
  users: readonly HostUser[];
  /** This host's rooms page, where the logo and "Planning poker" lead. */
  roomsPath: string;
  adminPath: string;
  /** Which of the two is on screen, if either. */
  active: 'rooms' | 'admin' | null;
  /** Markup after the logo's "simulator" tag (the Forge host marks itself). */
  logoTags?: string;
  /** The same view on the other host, and that host's name. */
  twin: { path: string; label: string };
}

/** The top bar: logo, the app's pages, the other host, and "Signed in as". */
export function topNav(options: TopNavOptions): string {
  const { accountId, users, active } = options;
  const me = users.find((user) => user.accountId === accountId);
  return `<header class="topnav">
  <a class="logo" href="${userLink(options.roomsPath, accountId)}"><span class="logo-mark"></span>Jira<span class="sim-tag">simulator</span>${options.logoTags ?? ''}</a>
  <nav><a class="${active === 'rooms' ? 'active' : ''}" href="${userLink(options.roomsPath, accountId)}">Planning poker</a>
  <a class="${active === 'admin' ? 'active' : ''}" href="${userLink(options.adminPath, accountId)}">App settings</a>
  <a class="host-switch" href="${userLink(options.twin.path, accountId)}">${options.twin.label}</a></nav>
  <span class="spacer"></span>
  <label class="switcher">Signed in as <select id="user-switcher" aria-label="Signed in as">${userOptions(users, accountId)}</select></label>
  ${me ? `<img class="me" src="${escapeHtml(me.avatarUrl)}" alt="">` : ''}
</header>`;
}

export interface SidebarOptions {
  /** The issues this person sees, grouped by project in their order. */
  issues: readonly HostIssue[];
  accountId: string;
  /** The issue on screen, marked active. */
  currentIssueKey: string | null;
  /** This host's issue view. */
  issuePath: (issueKey: string) => string;
  /** This host's project page, where it has one: each project heading then links to it. */
  projectPath?: (projectKey: string) => string;
}

/** The sidebar's issue lists, one per project. */
export function issueSidebar(options: SidebarOptions): string {
  const { issues, accountId, currentIssueKey, issuePath, projectPath } = options;
  const projects = [...new Set(issues.map((issue) => issue.projectKey))];
  return projects
    .map((project) => {
      const items = issues
        .filter((issue) => issue.projectKey === project)
        .map(
          (issue) =>
            `<li><a class="${issue.key === currentIssueKey ? 'active' : ''}" href="${userLink(issuePath(issue.key), accountId)}">` +
            `<span class="key">${escapeHtml(issue.key)}</span><span class="summary">${escapeHtml(issue.summary)}</span></a></li>`,
        )
        .join('');
      const name = projectPath
        ? `<a href="${userLink(projectPath(project), accountId)}">${escapeHtml(project)}</a>`
        : escapeHtml(project);
      return `<h2>${name} issues</h2><ul>${items}</ul>`;
    })
    .join('');
}

/** The issue view's <main>: the issue's fields, and `panel` (the app's frame) beside them. */
export function issueViewMain(view: HostIssueView, panel: string): string {
  const details = [
    ['Assignee', view.assignee ?? 'Unassigned', 'assignee'],
    ['Estimate', view.estimate === null ? 'None' : String(view.estimate), 'estimate'],
  ]
    .map(
      ([name, value, field]) =>
        `<dt>${name}</dt><dd data-field="${field}">${escapeHtml(value)}</dd>`,
    )
    .join('');
  return (
    `<main class="issue-view"><article class="issue"><nav class="crumbs">Projects / ${escapeHtml(view.projectName)} / ${escapeHtml(view.issueKey)}</nav>` +
    `<h1>${escapeHtml(view.summary)}</h1><h3>Description</h3><p>${escapeHtml(view.description)}</p>` +
    `<h3>Details</h3><dl>${details}</dl></article>` +
    `<aside class="glance"><header><span class="glance-icon"></span>Planning poker</header>${panel}</aside></main>`
  );
}
