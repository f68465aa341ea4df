import { describe, expect, it } from '@jest/globals';
import { failureFlag, flagClose, MAX_TOASTS, withoutToast, withToast, type Toast } from './flag';

const toast = (id: number): Toast => ({ id, title: `t${id}`, type: 'success' });

describe('flags', () => {
  it('lets good news close by itself and keeps warnings and errors until dismissed', () => {
    expect(flagClose({ title: 'Saved', type: 'success' })).toBe('auto');
    expect(flagClose({ title: 'FYI', type: 'info' })).toBe('auto');
    expect(flagClose({ title: 'Careful', type: 'warning' })).toBe('manual');
    expect(flagClose({ title: 'Failed', type: 'error' })).toBe('manual');
    expect(flagClose({ title: 'Saved', type: 'success', close: 'manual' })).toBe('manual');
  });

  it('words a failure with what was tried and the server’s readable reason', () => {
    const flag = failureFlag('Could not save to PROJ-1', {
      code: 'JIRA_ERROR',
      message: 'Field customfield_10016 is not on the edit screen.',
    });
    expect(flag).toEqual({
      title: 'Could not save to PROJ-1',
      description: 'Jira refused: Field customfield_10016 is not on the edit screen.',
      type: 'error',
    });
  });

  it('never words a failure in the validation library’s raw text', () => {
    const flag = failureFlag('Could not add', {
      code: 'BAD_REQUEST',
      message: 'issueKeys: Too small: expected array to have >=1 items',
    });
    expect(flag.description).not.toMatch(/Too small|expected array/);
  });

  it('keeps the newest toasts and drops a dismissed one', () => {
    let toasts: Toast[] = [];
    for (let id = 1; id <= MAX_TOASTS + 2; id += 1) toasts = withToast(toasts, toast(id));
    expect(toasts.map((t) => t.id)).toEqual([3, 4, 5]);
    expect(withoutToast(toasts, 4).map((t) => t.id)).toEqual([3, 5]);
  });
});
