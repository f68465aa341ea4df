import { readinessOf, type ReadinessFacts } from './readiness';

const ready: ReadinessFacts = {
  issueKey: 'PROJ-3',
  found: true,
  canEdit: true,
  fieldId: 'customfield_10016',
  editableFieldIds: ['summary', 'customfield_10016'],
  teamManaged: false,
  estimationEnabled: null,
  timeTrackingEnabled: null,
  fieldName: 'Story Points',
};

const reasons = (facts: ReadinessFacts) => {
  const readiness = readinessOf(facts);
  return readiness.ready ? [] : readiness.blocks.map((block) => block.reason);
};

describe('readinessOf', () => {
  it('is ready when the person may edit and the field is on the screen', () => {
    expect(readinessOf(ready)).toEqual({ ready: true });
  });

  it('names the field by its name and links the project screens', () => {
    const readiness = readinessOf({ ...ready, editableFieldIds: ['summary'] });
    expect(readiness).toEqual({
      ready: false,
      blocks: [
        {
          reason: 'field-not-on-screen',
          message: 'Story Points is not on the edit screen of PROJ-3’s issue type in PROJ.',
          fixPath: '/plugins/servlet/project-config/PROJ/screens',
        },
      ],
    });
  });

  it('says the issue is missing without telling whether it exists', () => {
    expect(reasons({ ...ready, found: false })).toEqual(['not-found']);
  });

  it('blocks on permission before looking at the screen', () => {
    expect(reasons({ ...ready, canEdit: false, editableFieldIds: [] })).toEqual([
      'no-edit-permission',
    ]);
  });

  it('asks for a field when none is chosen, and links the app admin page', () => {
    const readiness = readinessOf({ ...ready, fieldId: null });
    expect(readiness.ready).toBe(false);
    expect(readiness.ready ? null : readiness.blocks[0].fixPath).toBe('app-admin');
  });

  it('explains a team-managed project with estimation turned off', () => {
    const team = { ...ready, issueKey: 'OPS-1', teamManaged: true, estimationEnabled: false };
    const readiness = readinessOf({ ...team, editableFieldIds: ['summary'] });
    expect(readiness.ready ? [] : readiness.blocks).toEqual([
      {
        reason: 'estimation-off',
        message: 'Estimation is turned off in the team-managed project OPS.',
        fixPath: '/jira/software/projects/OPS/settings/features',
      },
    ]);
    expect(reasons({ ...team, estimationEnabled: true })).toEqual([]);
  });

  it('checks time tracking for Original Estimate, and calls the field by that name', () => {
    const time = { ...ready, fieldId: 'timetracking', editableFieldIds: ['timetracking'] };
    expect(reasons({ ...time, timeTrackingEnabled: true })).toEqual([]);
    expect(reasons({ ...time, timeTrackingEnabled: false })).toEqual(['time-tracking-off']);
    const offScreen = readinessOf({ ...time, timeTrackingEnabled: true, editableFieldIds: [] });
    expect(offScreen.ready ? '' : offScreen.blocks[0].message).toContain('Original Estimate');
  });
});
