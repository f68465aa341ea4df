/** A node of Atlassian Document Format, the shape of rich text in Jira's REST API v3. */
export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  marks?: AdfMark[];
  attrs?: Record<string, unknown>;
}

export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** The panel types Jira's editor offers (`custom` is drawn like `info`). */
export const ADF_PANEL_TYPES = ['info', 'note', 'warning', 'success', 'error'] as const;
export type AdfPanelType = (typeof ADF_PANEL_TYPES)[number];

/** The document's text, flattened, for previews. */
export function adfText(node: AdfNode | null | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(adfText).join('');
  const block = ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(node.type);
  return block ? `${inner}\n` : inner;
}

/** Account IDs of every mention in the document, once each, to resolve their names live. */
export function adfMentionIds(node: AdfNode | null | undefined): string[] {
  const ids = new Set<string>();
  const visit = (current: AdfNode) => {
    const id = current.attrs?.id;
    if (current.type === 'mention' && typeof id === 'string' && id.length > 0) ids.add(id);
    current.content?.forEach(visit);
  };
  if (node) visit(node);
  return [...ids];
}

/** A string attribute, or undefined when Jira sent something else. */
export function textAttr(node: AdfNode, name: string): string | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A positive whole-number attribute (list start, heading level, colspan), or undefined. */
export function countAttr(node: AdfNode, name: string): number | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The panel type to draw; unknown and `custom` panels look like `info`, as in Jira. */
export function panelTypeOf(node: AdfNode): AdfPanelType {
  const type = textAttr(node, 'panelType');
  return ADF_PANEL_TYPES.find((known) => known === type) ?? 'info';
}

/** Only web and mail links: Jira content is not ours to trust with other schemes. */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  return /^(?:https?:\/\/|mailto:)/i.test(href.trim()) ? href.trim() : undefined;
}
