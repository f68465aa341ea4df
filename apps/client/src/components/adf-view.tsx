import type { ReactNode } from 'react';
import type { AdfNode } from '../jira/adf';

function marked(text: string, marks: AdfNode['marks'], key: number): ReactNode {
  let node: ReactNode = text;
  for (const mark of marks ?? []) {
    if (mark.type === 'strong') node = <strong>{node}</strong>;
    else if (mark.type === 'em') node = <em>{node}</em>;
    else if (mark.type === 'code') node = <code>{node}</code>;
    else if (mark.type === 'strike') node = <s>{node}</s>;
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') {
      const href = mark.attrs.href;
      // Only web links: Jira content is not ours to trust with other schemes.
      if (/^https?:\/\//i.test(href)) {
        node = (
          <a href={href} target="_blank" rel="noreferrer noopener">
            {node}
          </a>
        );
      }
    }
  }
  return <span key={key}>{node}</span>;
}

function render(node: AdfNode, key: number): ReactNode {
  const children = (node.content ?? []).map(render);
  switch (node.type) {
    case 'text':
      return marked(node.text ?? '', node.marks, key);
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading':
      return <h3 key={key}>{children}</h3>;
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return <ol key={key}>{children}</ol>;
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'hardBreak':
      return <br key={key} />;
    case 'rule':
      return <hr key={key} />;
    default:
      return <span key={key}>{children}</span>;
  }
}

/** Renders a Jira rich-text document as React elements (never as raw HTML). */
export function AdfView({ document }: { document: AdfNode }) {
  return <div className="adf">{(document.content ?? []).map(render)}</div>;
}
