import { createElement, Fragment, type ReactNode } from 'react';
import {
  adfMentionIds,
  countAttr,
  panelTypeOf,
  safeHref,
  textAttr,
  type AdfNode,
} from '../jira/adf';
import { useUsers } from '../jira/jira-context';
import { withMark } from './adf-marks';

/**
 * A mentioned person's display name: a string once known, null when Jira does not know the
 * account, undefined while it loads. Names are looked up live, never taken from storage.
 */
export type MentionName = (accountId: string) => string | null | undefined;

const PANEL_LABELS = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  success: 'Success',
  error: 'Error',
} as const;
const PANEL_ICONS = { info: 'ℹ', note: '✎', warning: '⚠', success: '✓', error: '✕' } as const;

function Unsupported({ type }: { type: string }) {
  return <span className="adf-unsupported">[unsupported content: {type}]</span>;
}

function cardLink(node: AdfNode, key: number): ReactNode {
  const href = safeHref(node.attrs?.url);
  if (!href) return <Unsupported key={key} type={node.type} />;
  return (
    <a key={key} className="adf-card" href={href} target="_blank" rel="noreferrer noopener">
      {href}
    </a>
  );
}

function formatDate(node: AdfNode): string {
  const timestamp = Number(textAttr(node, 'timestamp') ?? node.attrs?.timestamp);
  return Number.isFinite(timestamp) ? new Date(timestamp).toISOString().slice(0, 10) : '';
}

/** Table cells keep Jira's merged cells; widths are left to the browser. */
function cell(node: AdfNode, key: number, children: ReactNode[]): ReactNode {
  const span = { colSpan: countAttr(node, 'colspan'), rowSpan: countAttr(node, 'rowspan') };
  return node.type === 'tableHeader' ? (
    <th key={key} scope="col" {...span}>
      {children}
    </th>
  ) : (
    <td key={key} {...span}>
      {children}
    </td>
  );
}

function renderNode(node: AdfNode, key: number, mentionName: MentionName): ReactNode {
  const children = () =>
    (node.content ?? []).map((child, index) => renderNode(child, index, mentionName));
  switch (node.type) {
    case 'doc':
      return <div key={key}>{children()}</div>;
    case 'text':
      return <Fragment key={key}>{(node.marks ?? []).reduce(withMark, node.text ?? '')}</Fragment>;
    case 'paragraph':
      return <p key={key}>{children()}</p>;
    case 'heading': {
      // The description sits under the issue's own heading, so its levels start lower.
      const level = Math.min(6, (countAttr(node, 'level') ?? 1) + 2);
      return createElement(`h${level}`, { key, className: 'adf-heading' }, children());
    }
    case 'bulletList':
      return <ul key={key}>{children()}</ul>;
    case 'orderedList':
      return (
        <ol key={key} start={countAttr(node, 'order')}>
          {children()}
        </ol>
      );
    case 'listItem':
      return <li key={key}>{children()}</li>;
    case 'codeBlock': {
      const language = textAttr(node, 'language');
      return (
        <figure key={key} className="adf-code">
          {language && <figcaption className="adf-code__language">{language}</figcaption>}
          <pre>
            <code>{children()}</code>
          </pre>
        </figure>
      );
    }
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'hardBreak':
      return <br key={key} />;
    case 'rule':
      return <hr key={key} />;
    case 'panel': {
      const type = panelTypeOf(node);
      return (
        <div
          key={key}
          className={`adf-panel adf-panel--${type}`}
          role="note"
          aria-label={`${PANEL_LABELS[type]} panel`}
        >
          <span className="adf-panel__icon" aria-hidden="true">
            {PANEL_ICONS[type]}
          </span>
          <div className="adf-panel__content">{children()}</div>
        </div>
      );
    }
    case 'table':
      return (
        <div key={key} className="adf-table">
          <table>
            <tbody>{children()}</tbody>
          </table>
        </div>
      );
    case 'tableRow':
      return <tr key={key}>{children()}</tr>;
    case 'tableHeader':
    case 'tableCell':
      return cell(node, key, children());
    case 'mention': {
      const id = textAttr(node, 'id') ?? '';
      const name = id ? mentionName(id) : null;
      const stored = textAttr(node, 'text')?.replace(/^@/, '');
      const shown = name ?? stored ?? (name === undefined ? '…' : 'Unknown user');
      return (
        <span key={key} className="adf-mention">
          @{shown}
        </span>
      );
    }
    case 'emoji':
      return <span key={key}>{textAttr(node, 'text') ?? textAttr(node, 'shortName') ?? ''}</span>;
    case 'date':
      return (
        <time key={key} className="adf-date">
          {formatDate(node)}
        </time>
      );
    case 'status':
      return (
        <span key={key} className="lozenge lozenge--default">
          {textAttr(node, 'text') ?? ''}
        </span>
      );
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return cardLink(node, key);
    case 'expand':
    case 'nestedExpand':
      return (
        <details key={key} className="adf-expand">
          <summary>{textAttr(node, 'title') || 'Details'}</summary>
          {children()}
        </details>
      );
    case 'taskList':
    case 'decisionList':
      return (
        <ul key={key} className="adf-checklist">
          {children()}
        </ul>
      );
    case 'taskItem': {
      const done = textAttr(node, 'state') === 'DONE';
      return (
        <li key={key}>
          <span role="img" aria-label={done ? 'Done' : 'To do'}>
            {done ? '☑' : '☐'}
          </span>{' '}
          {children()}
        </li>
      );
    }
    case 'decisionItem':
      return (
        <li key={key}>
          <span role="img" aria-label="Decision">
            ◆
          </span>{' '}
          {children()}
        </li>
      );
    case 'layoutSection':
      return (
        <div key={key} className="adf-layout">
          {children()}
        </div>
      );
    case 'layoutColumn':
      return <div key={key}>{children()}</div>;
    default:
      // Say what is missing rather than drop it: readers must know the issue holds more.
      return <Unsupported key={key} type={node.type} />;
  }
}

/** A Jira rich-text document as React elements (never as raw HTML). Pure, for tests. */
export function renderAdf(document: AdfNode, mentionName: MentionName): ReactNode {
  return (document.content ?? []).map((node, index) => renderNode(node, index, mentionName));
}

/** Renders a Jira rich-text document as Jira does; mentions show names looked up live. */
export function AdfView({ document }: { document: AdfNode }) {
  const user = useUsers(adfMentionIds(document));
  const mentionName: MentionName = (id) => {
    const found = user(id);
    return found === undefined ? undefined : (found?.displayName ?? null);
  };
  return <div className="adf">{renderAdf(document, mentionName)}</div>;
}
