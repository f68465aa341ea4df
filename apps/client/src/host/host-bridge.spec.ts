import { describe, expect, it } from '@jest/globals';
import { siteUrlFromParams } from './host-bridge';

describe('siteUrlFromParams', () => {
  it('takes Jira’s base URL from a Connect iframe’s xdm_e and context path', () => {
    const params = new URLSearchParams({ xdm_e: 'https://acme.atlassian.net', cp: '' });
    expect(siteUrlFromParams(params)).toBe('https://acme.atlassian.net');
    const withPath = new URLSearchParams({ xdm_e: 'https://jira.acme.com', cp: '/jira/' });
    expect(siteUrlFromParams(withPath)).toBe('https://jira.acme.com/jira');
  });

  it('knows no site when the parameter is missing or not an http(s) URL', () => {
    expect(siteUrlFromParams(new URLSearchParams())).toBeNull();
    expect(siteUrlFromParams(new URLSearchParams({ xdm_e: 'javascript:alert(1)' }))).toBeNull();
    expect(siteUrlFromParams(new URLSearchParams({ xdm_e: 'not a url' }))).toBeNull();
  });
});
