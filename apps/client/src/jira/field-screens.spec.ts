import { describe, expect, it } from '@jest/globals';
import { fieldScreenNote, sampleIssuePerProject } from './field-screens';

const screens = new Map([
  ['PROJ', new Set(['summary', 'customfield_10016'])],
  ['TEAM', new Set(['summary', 'customfield_10026'])],
]);

describe('field screen notes', () => {
  it('says nothing for a field on every screen, or when nothing is known', () => {
    expect(fieldScreenNote('summary', screens)).toBeNull();
    expect(fieldScreenNote('customfield_10050', new Map())).toBeNull();
  });

  it('names the projects whose edit screen lacks the field', () => {
    expect(fieldScreenNote('customfield_10016', screens)).toBe('not on TEAM’s edit screen');
    expect(fieldScreenNote('customfield_10050', screens)).toBe(
      'not on the edit screen of these projects',
    );
    expect(fieldScreenNote('customfield_10050', new Map([['PROJ', new Set(['summary'])]]))).toBe(
      'not on PROJ’s edit screen',
    );
  });

  it('asks one issue per project', () => {
    expect([...sampleIssuePerProject(['PROJ-3', 'PROJ-4', 'TEAM-1'])]).toEqual([
      ['PROJ', 'PROJ-3'],
      ['TEAM', 'TEAM-1'],
    ]);
  });
});
