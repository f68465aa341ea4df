import { describe, expect, it } from '@jest/globals';
import { TIME_TRACKING_FIELD } from '@poker/shared';
import { jiraEstimateText } from './estimate-display';
import type { FoundIssue } from './issue-json';

const issue = (values: Record<string, unknown>, originalEstimate: string | null = null) =>
  ({
    key: 'PROJ-1',
    found: true,
    id: 10001,
    summary: 'S',
    description: null,
    type: null,
    status: null,
    assigneeAccountId: null,
    parent: null,
    subtasks: [],
    originalEstimate,
    values,
  }) satisfies FoundIssue;

describe('the estimate Jira already holds, as shown', () => {
  it('formats numbers for the locale', () => {
    expect(jiraEstimateText(issue({ customfield_1: 5 }), 'customfield_1', 'en')).toBe('5');
    expect(jiraEstimateText(issue({ customfield_1: 2.5 }), 'customfield_1', 'en')).toBe('2.5');
    expect(jiraEstimateText(issue({ customfield_1: 1 / 3 }), 'customfield_1', 'en')).toBe('0.33');
    expect(jiraEstimateText(issue({ customfield_1: 1500 }), 'customfield_1', 'de')).toBe('1.500');
  });

  it('shows Original Estimate as Jira writes it for a time deck', () => {
    expect(jiraEstimateText(issue({}, '1d 4h'), TIME_TRACKING_FIELD)).toBe('1d 4h');
    expect(jiraEstimateText(issue({}), TIME_TRACKING_FIELD)).toBe('—');
  });

  it('shows a dash when the field is empty or no field is chosen', () => {
    expect(jiraEstimateText(issue({ customfield_1: null }), 'customfield_1')).toBe('—');
    expect(jiraEstimateText(issue({}), null)).toBe('—');
  });

  it('shows nothing yet while the issue or its field value is still being read', () => {
    expect(jiraEstimateText(undefined, 'customfield_1')).toBeUndefined();
    expect(jiraEstimateText(issue({}), 'customfield_1')).toBeUndefined();
    expect(jiraEstimateText(issue({ customfield_1: 3 }), undefined)).toBeUndefined();
    expect(
      jiraEstimateText({ key: 'PROJ-1', found: false, reason: 'gone' }, 'customfield_1'),
    ).toBeUndefined();
  });
});
