import { describe, expect, it } from '@jest/globals';
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { adfMentionIds, type AdfNode } from '../jira/adf';
import { renderAdf, type MentionName } from './adf-view';

const doc = (...content: AdfNode[]): AdfNode => ({ type: 'doc', content });
const text = (value: string, marks?: AdfNode['marks']): AdfNode => ({
  type: 'text',
  text: value,
  ...(marks && { marks }),
});
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const names: Record<string, string> = { 'acc-1': 'Carol Chen' };
const knownNames: MentionName = (id) => names[id] ?? null;

function html(document: AdfNode, mentionName: MentionName = knownNames): string {
  return renderToStaticMarkup(createElement(Fragment, null, renderAdf(document, mentionName)));
}

describe('renderAdf', () => {
  it('renders paragraphs with marks, and keeps only web and mail links', () => {
    const out = html(
      doc(
        paragraph(
          text('bold', [{ type: 'strong' }]),
          text(' site', [{ type: 'link', attrs: { href: 'https://example.com' } }]),
          text(' evil', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        ),
      ),
    );
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toContain('<a href="https://example.com" target="_blank"');
    expect(out).not.toContain('javascript:');
    expect(out).toContain(' evil');
  });

  it('renders a table with header and data cells, keeping merged cells', () => {
    const row = (type: string, ...cells: string[]): AdfNode => ({
      type: 'tableRow',
      content: cells.map((value) => ({ type, content: [paragraph(text(value))] })),
    });
    const merged: AdfNode = {
      type: 'tableRow',
      content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [paragraph(text('both'))] }],
    };
    const out = html(
      doc({
        type: 'table',
        content: [row('tableHeader', 'Case', 'Result'), row('tableCell', 'a', 'b'), merged],
      }),
    );
    expect(out).toContain('<table><tbody><tr><th scope="col"><p>Case</p></th>');
    expect(out).toContain('<td><p>a</p></td><td><p>b</p></td>');
    expect(out).toContain('<td colSpan="2"><p>both</p></td>');
  });

  it('renders each panel type with its label, and a custom panel as info', () => {
    for (const panelType of ['info', 'note', 'warning', 'success', 'error']) {
      const out = html(
        doc({ type: 'panel', attrs: { panelType }, content: [paragraph(text('x'))] }),
      );
      expect(out).toContain(`class="adf-panel adf-panel--${panelType}" role="note"`);
    }
    const custom = html(doc({ type: 'panel', attrs: { panelType: 'custom' }, content: [] }));
    expect(custom).toContain('aria-label="Info panel"');
  });

  it('renders a code block with its language as a label', () => {
    const out = html(
      doc({ type: 'codeBlock', attrs: { language: 'sql' }, content: [text('SELECT 1;')] }),
    );
    expect(out).toContain('<figcaption class="adf-code__language">sql</figcaption>');
    expect(out).toContain('<pre><code>SELECT 1;</code></pre>');
  });

  it('names a mentioned person by the live look-up, falling back to the document text', () => {
    const mention = (id: string, label?: string): AdfNode => ({
      type: 'mention',
      attrs: { id, ...(label && { text: label }) },
    });
    const document = doc(paragraph(mention('acc-1', '@Old name'), mention('acc-2', '@Gone')));
    expect(adfMentionIds(document)).toEqual(['acc-1', 'acc-2']);
    const out = html(document);
    expect(out).toContain('<span class="adf-mention">@Carol Chen</span>');
    expect(out).toContain('<span class="adf-mention">@Gone</span>');
    // While the directory is still asking, nothing but a placeholder is shown for a bare mention.
    expect(html(doc(paragraph(mention('acc-3'))), () => undefined)).toContain('@…');
    expect(html(doc(paragraph(mention('acc-3'))), () => null)).toContain('@Unknown user');
  });

  it('marks content it cannot render instead of dropping it', () => {
    const out = html(
      doc(
        paragraph(text('before')),
        { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x' } }] },
        paragraph(text('after')),
      ),
    );
    expect(out).toContain('[unsupported content: mediaSingle]');
    expect(out.indexOf('before')).toBeLessThan(out.indexOf('unsupported'));
    expect(out).toContain('after');
  });

  it('renders lists, headings, quotes, rules, expands and tasks as Jira shows them', () => {
    const out = html(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Scope')] },
        {
          type: 'orderedList',
          attrs: { order: 3 },
          content: [{ type: 'listItem', content: [paragraph(text('one'))] }],
        },
        { type: 'blockquote', content: [paragraph(text('quoted'))] },
        { type: 'rule' },
        { type: 'expand', attrs: { title: 'More' }, content: [paragraph(text('hidden'))] },
        {
          type: 'taskList',
          content: [{ type: 'taskItem', attrs: { state: 'DONE' }, content: [text('shipped')] }],
        },
      ),
    );
    expect(out).toContain('<h4 class="adf-heading">Scope</h4>');
    expect(out).toContain('<ol start="3"><li><p>one</p></li></ol>');
    expect(out).toContain('<blockquote><p>quoted</p></blockquote><hr/>');
    expect(out).toContain('<summary>More</summary>');
    expect(out).toContain('aria-label="Done"');
    expect(out).not.toContain('unsupported');
  });
});
