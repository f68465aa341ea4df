import { renderHostPage, type HostPageModel } from './host-page-html';

const model = (estimate: number | null): HostPageModel => ({
  appBaseUrl: 'http://127.0.0.1:3000',
  accountId: 'alice',
  users: [],
  issues: [],
  view: {
    kind: 'issue',
    issueKey: 'PROJ-1',
    projectKey: 'PROJ',
    projectName: 'Project Phoenix',
    summary: 'Set up CI',
    description: '',
    assignee: null,
    estimate,
  },
});

describe('the Connect host page', () => {
  it('draws the issue view’s estimate where a refresh can redraw it', () => {
    expect(renderHostPage(model(null))).toContain('<dd data-field="estimate">None</dd>');
    expect(renderHostPage(model(5))).toContain('<dd data-field="estimate">5</dd>');
  });

  it('keeps Jira’s flag group outside the app’s frame, and answers AP.flag.create and refreshIssuePage', () => {
    const html = renderHostPage(model(null));
    const frame = html.indexOf('id="poker-app"');
    const flags = html.indexOf('id="host-flags"');
    expect(frame).toBeGreaterThan(0);
    expect(flags).toBeGreaterThan(html.indexOf('</iframe>', frame));
    expect(html).toContain('handlers.flag = function');
    expect(html).toContain('refreshIssuePage: function');
  });
});
