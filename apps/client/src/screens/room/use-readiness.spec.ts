import { describe, expect, it } from '@jest/globals';
import type { RoomIssue } from '@poker/shared';
import { readinessQuestions } from './use-readiness';

const issue = (issueKey: string, fieldId: string | null = null): RoomIssue => ({
  issueKey,
  fieldId,
  savedValue: null,
  savedAt: null,
  savedRounds: null,
  savedConsensus: null,
});

const settings = { fieldId: 'customfield_10016', projectFields: { TEAM: 'customfield_10026' } };
const names = new Map([
  ['customfield_10016', 'Story Points'],
  ['customfield_10026', 'Story point estimate'],
]);

describe('readiness questions', () => {
  it('asks about each issue’s own field: board field, project override, then site default', () => {
    const room = {
      deck: { kind: 'fibonacci' as const },
      fieldId: null,
      issues: [issue('PROJ-1', 'customfield_10050'), issue('TEAM-2'), issue('OPS-1')],
    };
    expect(readinessQuestions(room, settings, names)).toEqual([
      { issueKey: 'PROJ-1', fieldId: 'customfield_10050', timeDeck: false },
      {
        issueKey: 'TEAM-2',
        fieldId: 'customfield_10026',
        fieldName: 'Story point estimate',
        timeDeck: false,
      },
      {
        issueKey: 'OPS-1',
        fieldId: 'customfield_10016',
        fieldName: 'Story Points',
        timeDeck: false,
      },
    ]);
  });

  it('asks about Original Estimate and time tracking for a time deck', () => {
    const room = { deck: { kind: 'time' as const }, fieldId: null, issues: [issue('PROJ-1')] };
    expect(readinessQuestions(room, settings, names)).toEqual([
      { issueKey: 'PROJ-1', fieldId: 'timetracking', timeDeck: true },
    ]);
  });
});
