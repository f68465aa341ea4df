import { estimateFieldFor, projectKeyOf, TIME_TRACKING_FIELD } from './estimate-field';

const sources = {
  deck: { kind: 'fibonacci' as const },
  issueFieldId: null,
  projectFields: {},
  roomFieldId: null,
  defaultFieldId: null,
};

describe('estimateFieldFor', () => {
  it('takes the board field, then the project override, then the room, then the site', () => {
    const all = {
      ...sources,
      issueFieldId: 'board',
      projectFields: { PROJ: 'project' },
      roomFieldId: 'room',
      defaultFieldId: 'site',
    };
    expect(estimateFieldFor('PROJ-1', all)).toBe('board');
    expect(estimateFieldFor('PROJ-1', { ...all, issueFieldId: null })).toBe('project');
    expect(estimateFieldFor('TEAM-1', { ...all, issueFieldId: null })).toBe('room');
    expect(estimateFieldFor('TEAM-1', { ...all, issueFieldId: null, roomFieldId: null })).toBe(
      'site',
    );
    expect(estimateFieldFor('TEAM-1', sources)).toBeNull();
  });

  it('writes Original Estimate for a time deck, whatever else is set', () => {
    const time = { ...sources, deck: { kind: 'time' as const }, issueFieldId: 'board' };
    expect(estimateFieldFor('PROJ-1', time)).toBe(TIME_TRACKING_FIELD);
  });

  it('does not take an inherited member as a project override', () => {
    expect(estimateFieldFor('constructor-1', { ...sources, defaultFieldId: 'site' })).toBe('site');
  });

  it('finds the project key of keys with digits and underscores', () => {
    expect(projectKeyOf('AB_2-17')).toBe('AB_2');
  });
});
