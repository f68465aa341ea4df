import type { ReactNode } from 'react';
import { safeHref, type AdfMark } from '../jira/adf';

const HEX_COLOUR = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;

/** Text with one ADF mark applied (bold, link, colour…); unknown marks leave it as it is. */
export function withMark(node: ReactNode, mark: AdfMark): ReactNode {
  switch (mark.type) {
    case 'strong':
      return <strong>{node}</strong>;
    case 'em':
      return <em>{node}</em>;
    case 'code':
      return <code>{node}</code>;
    case 'strike':
      return <s>{node}</s>;
    case 'underline':
      return <u>{node}</u>;
    case 'subsup':
      return mark.attrs?.type === 'sub' ? <sub>{node}</sub> : <sup>{node}</sup>;
    case 'textColor': {
      const color = mark.attrs?.color;
      return typeof color === 'string' && HEX_COLOUR.test(color) ? (
        <span style={{ color }}>{node}</span>
      ) : (
        node
      );
    }
    case 'link': {
      const href = safeHref(mark.attrs?.href);
      return href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {node}
        </a>
      ) : (
        node
      );
    }
    default:
      // Marks only decorate: the text itself is never lost to an unknown one.
      return node;
  }
}
