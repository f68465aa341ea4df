import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { connectIndex, forgeIndex } from './entity-property-index';
import { readManifestIndex } from './forge/manifest-index';
import { startJiraSim } from './jira-sim';
import { indexedPropertyPaths } from './sim-state';

const CONNECT_MODULES = {
  jiraEntityProperties: [
    {
      key: 'poker-record-index',
      name: { value: 'Planning poker record' },
      entityType: 'issue',
      keyConfigurations: [
        {
          propertyKey: 'planningPoker',
          extractions: [
            { objectName: 'consensus', type: 'string' },
            { objectName: 'value', type: 'NUMBER' },
            { objectName: 'broken', type: 'colour' },
          ],
        },
      ],
    },
  ],
};

const MANIFEST = `
modules:
  jira:entityProperty:
    - key: poker-record-index
      propertyKey: planningPoker
      entityType: issue
      values:
        - path: consensus
          type: string
        - path: savedAt
          type: date
          searchAlias: pokerSavedAt
`;

describe('indexed entity property declarations', () => {
  it('reads the Connect descriptor’s extractions, skipping unknown types', () => {
    expect(connectIndex({ modules: CONNECT_MODULES })).toEqual([
      { entityType: 'issue', propertyKey: 'planningPoker', path: 'consensus', type: 'string' },
      { entityType: 'issue', propertyKey: 'planningPoker', path: 'value', type: 'number' },
    ]);
    expect(connectIndex({})).toEqual([]);
  });

  it('reads the Forge manifest’s jira:entityProperty values, and nothing from a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      writeFileSync(join(dir, 'manifest.yml'), MANIFEST);
      expect(readManifestIndex(join(dir, 'manifest.yml'))).toEqual([
        { entityType: 'issue', propertyKey: 'planningPoker', path: 'consensus', type: 'string' },
        { entityType: 'issue', propertyKey: 'planningPoker', path: 'savedAt', type: 'date' },
      ]);
      expect(readManifestIndex(join(dir, 'absent.yml'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(
      forgeIndex({
        modules: {
          'jira:entityPropertySet': [
            {
              key: 'set',
              properties: [{ propertyKey: 'p', values: [{ path: 'a.b', type: 'text' }] }],
            },
          ],
        },
      }),
    ).toEqual([{ entityType: 'issue', propertyKey: 'p', path: 'a.b', type: 'text' }]);
  });

  it('indexes what the Connect app declared at install, and what the Forge manifest declares', async () => {
    const app = express();
    let baseUrl = '';
    app.get('/atlassian-connect.json', (_req, res) => {
      res.json({
        key: 'com.example.poker',
        baseUrl,
        lifecycle: { installed: '/installed' },
        modules: CONNECT_MODULES,
      });
    });
    app.post('/installed', (_req, res) => res.status(204).end());
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    writeFileSync(join(dir, 'manifest.yml'), MANIFEST);
    const sim = await startJiraSim({
      forge: { manifestPath: join(dir, 'manifest.yml'), retryDelayMs: 1 },
    });
    try {
      expect((await sim.install(`${baseUrl}/atlassian-connect.json`)).status).toBe(204);
      expect(indexedPropertyPaths(sim.state).map((entry) => entry.path)).toEqual([
        'consensus',
        'value',
      ]);
      // The remote is the fake app (it has no Forge routes); the install happens regardless.
      await sim.forge.install({ remoteBaseUrl: baseUrl, retries: 0 });
      expect(indexedPropertyPaths(sim.state).map((entry) => entry.path)).toEqual([
        'consensus',
        'value',
        'consensus',
        'savedAt',
      ]);
    } finally {
      await sim.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
