import type { JiraService } from '../jira/jira.service';
import type { JiraBudget } from '../rate-limits/jira-budget.service';
import type { ProjectFieldsService } from '../tenants/project-fields.service';
import type { TenantsService } from '../tenants/tenants.service';
import { SettingsService } from './settings.service';

const caller = { tenantId: 't1' };

function setUp(admin = true) {
  const overrides: Record<string, string> = {};
  const projectFields = {
    of: jest.fn(async () => ({ ...overrides })),
    set: jest.fn(async (_tenant: string, key: string, fieldId: string) => {
      overrides[key] = fieldId;
    }),
    remove: jest.fn(async (_tenant: string, key: string) => {
      const had = key in overrides;
      delete overrides[key];
      return had;
    }),
  };
  const jira = {
    isAdmin: jest.fn(async () => admin),
    requireNumberField: jest.fn(async () => ({})),
  };
  const tenants = { findById: jest.fn(async () => ({ defaultFieldId: 'customfield_1' })) };
  const settings = new SettingsService(
    tenants as unknown as TenantsService,
    projectFields as unknown as ProjectFieldsService,
    jira as unknown as JiraService,
    { spend: jest.fn(async () => {}) } as unknown as JiraBudget,
  );
  return { settings, projectFields, jira };
}

describe('SettingsService: project fields', () => {
  it('sets a project’s field for a Jira admin after Jira confirms it holds numbers', async () => {
    const { settings, jira } = setUp();
    await expect(
      settings.setProjectField(caller, 'alice', 'TEAM', 'customfield_2'),
    ).resolves.toEqual({ fieldId: 'customfield_1', projectFields: { TEAM: 'customfield_2' } });
    expect(jira.isAdmin).toHaveBeenCalledWith(caller, 'alice');
    expect(jira.requireNumberField).toHaveBeenCalledWith(caller, 'customfield_2');
  });

  it('refuses anyone Jira does not call an admin, before checking the field', async () => {
    const { settings, jira, projectFields } = setUp(false);
    await expect(
      settings.setProjectField(caller, 'bob', 'TEAM', 'customfield_2'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(settings.removeProjectField(caller, 'bob', 'TEAM')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      settings.setProjectField(caller, null, 'TEAM', 'customfield_2'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(jira.requireNumberField).not.toHaveBeenCalled();
    expect(projectFields.set).not.toHaveBeenCalled();
    expect(projectFields.remove).not.toHaveBeenCalled();
  });

  it('answers NOT_FOUND when removing a project that has no field of its own', async () => {
    const { settings } = setUp();
    await settings.setProjectField(caller, 'alice', 'TEAM', 'customfield_2');
    await expect(settings.removeProjectField(caller, 'alice', 'TEAM')).resolves.toEqual({
      fieldId: 'customfield_1',
      projectFields: {},
    });
    await expect(settings.removeProjectField(caller, 'alice', 'TEAM')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
