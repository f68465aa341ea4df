import { ESTIMATE_PROPERTY_INDEX, ESTIMATE_PROPERTY_KEY } from '@poker/shared';
import type { AppConfig } from '../config/app-config';

/** The Connect app key: it identifies the app to every Jira site and signs our JWTs (`iss`). */
export const APP_KEY = 'io.pokerapp.jira-planning-poker';

/** Builds the Connect descriptor for this deployment. */
export function buildDescriptor(config: AppConfig): Record<string, unknown> {
  return {
    key: APP_KEY,
    name: 'Planning Poker for Jira',
    description:
      'Live estimation rooms that write the agreed estimate into Jira and keep almost nothing.',
    vendor: { name: 'Planning Poker for Jira', url: config.appBaseUrl },
    baseUrl: config.appBaseUrl,
    // Data residency: Jira installs a site pinned to one of these locations at that zone's URL.
    ...(config.regionBaseUrls && { regionBaseUrls: config.regionBaseUrls }),
    authentication: { type: 'jwt' },
    apiVersion: 1,
    scopes: ['READ', 'WRITE'],
    enableLicensing: false,
    lifecycle: { installed: '/lifecycle/installed', uninstalled: '/lifecycle/uninstalled' },
    apiMigrations: { 'signed-install': true, 'context-qsh': true, gdpr: true },
    links: { self: `${config.appBaseUrl}/atlassian-connect.json` },
    modules: {
      jiraIssueGlances: [
        {
          key: 'poker-issue-glance',
          name: { value: 'Planning poker' },
          content: { type: 'label', label: { value: 'Estimate' } },
          icon: { width: 24, height: 24, url: '/assets/icon.svg' },
          target: {
            type: 'page',
            url: '/app/glance?issueKey={issue.key}&projectKey={project.key}',
          },
        },
      ],
      generalPages: [
        {
          key: 'poker-rooms',
          name: { value: 'Planning poker' },
          url: '/app/rooms',
          location: 'system.top.navigation.bar',
          icon: { width: 24, height: 24, url: '/assets/icon.svg' },
        },
      ],
      adminPages: [
        {
          key: 'poker-admin',
          name: { value: 'Planning poker settings' },
          url: '/app/admin',
        },
      ],
      // The record of each saved estimate lives in the customer's Jira as an issue property;
      // indexed, so teams can search `issue.property[planningPoker].consensus = false`.
      jiraEntityProperties: [
        {
          key: 'poker-estimate-record',
          name: { value: 'Planning poker record' },
          entityType: 'issue',
          keyConfigurations: [
            {
              propertyKey: ESTIMATE_PROPERTY_KEY,
              extractions: ESTIMATE_PROPERTY_INDEX.map(({ objectName, type }) => ({
                objectName,
                type,
              })),
            },
          ],
        },
      ],
    },
  };
}
