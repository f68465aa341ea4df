import type { AdfNode } from './adf';

/** Jira's status categories; they pick a status lozenge's colour (grey, blue, green). */
export type StatusCategory = 'new' | 'indeterminate' | 'done' | 'unknown';

export interface IssueStatus {
  name: string;
  category: StatusCategory;
}

export interface IssueType {
  name: string;
  iconUrl: string | null;
}

/** A parent or sub-task as the issue itself lists it. */
export interface IssueLink {
  key: string;
  summary: string;
  status: IssueStatus | null;
}

export interface FoundIssue {
  key: string;
  found: true;
  /** Jira's numeric ID, for read-after-write consistency when the issue is searched again. */
  id: number | null;
  summary: string;
  description: AdfNode | null;
  type: IssueType | null;
  status: IssueStatus | null;
  /** Only the account ID: the name is looked up through the user directory. */
  assigneeAccountId: string | null;
  parent: IssueLink | null;
  subtasks: IssueLink[];
  /** Original Estimate as Jira writes it ("1d 4h"), or null when none is set. */
  originalEstimate: string | null;
  /** Values of the extra fields asked for (estimate fields), by field ID. */
  values: Readonly<Record<string, unknown>>;
}

export type JiraIssue = FoundIssue | { key: string; found: false; reason: string };

/** The fields every look-up asks for; estimate fields are added as rooms need them. */
export const ISSUE_FIELDS = [
  'summary',
  'description',
  'issuetype',
  'status',
  'assignee',
  'parent',
  'subtasks',
  'timetracking',
] as const;

export const NOT_FOUND_REASON = 'Not found in Jira, or you may not see it.';

type Json = Record<string, unknown>;

const objectOf = (value: unknown): Json | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

const CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];

function statusOf(value: unknown): IssueStatus | null {
  const status = objectOf(value);
  const name = textOf(status?.name);
  if (!name) return null;
  const key = objectOf(status?.statusCategory)?.key;
  return { name, category: CATEGORIES.find((category) => category === key) ?? 'unknown' };
}

function typeOf(value: unknown): IssueType | null {
  const type = objectOf(value);
  const name = textOf(type?.name);
  if (!name) return null;
  const icon = textOf(type?.iconUrl);
  // Only web images: an icon URL is Jira's, but the page should not load other schemes.
  return { name, iconUrl: icon && /^https?:\/\//i.test(icon) ? icon : null };
}

function linkOf(value: unknown): IssueLink | null {
  const link = objectOf(value);
  const key = textOf(link?.key);
  if (!key) return null;
  const fields = objectOf(link?.fields);
  return { key, summary: textOf(fields?.summary) ?? '', status: statusOf(fields?.status) };
}

/** One issue of a search answer, read defensively: Jira leaves out what the person may not see. */
export function issueFromJson(value: unknown, extraFields: readonly string[]): FoundIssue | null {
  const issue = objectOf(value);
  const key = textOf(issue?.key);
  if (!issue || !key) return null;
  const fields = objectOf(issue.fields) ?? {};
  const id = Number(issue.id);
  const subtasks = Array.isArray(fields.subtasks) ? fields.subtasks : [];
  return {
    key,
    found: true,
    id: Number.isSafeInteger(id) ? id : null,
    summary: typeof fields.summary === 'string' ? fields.summary : '',
    description: objectOf(fields.description) as AdfNode | null,
    type: typeOf(fields.issuetype),
    status: statusOf(fields.status),
    assigneeAccountId: textOf(objectOf(fields.assignee)?.accountId),
    parent: linkOf(fields.parent),
    subtasks: subtasks.map(linkOf).filter((link): link is IssueLink => link !== null),
    originalEstimate: textOf(objectOf(fields.timetracking)?.originalEstimate),
    values: Object.fromEntries(extraFields.map((field) => [field, fields[field] ?? null])),
  };
}
