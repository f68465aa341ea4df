import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { forgeIndex } from '../entity-property-index';
import type { IndexedPropertyPath } from '../sim-records';
import { repoRoot } from './cdn';

/** `<repo>/apps/forge/manifest.yml`: the manifest Forge would have deployed. */
export const DEFAULT_MANIFEST = resolve(repoRoot(), 'apps/forge/manifest.yml');

/**
 * The entity property paths the Forge app's manifest declares for indexing. A missing or
 * unreadable manifest declares nothing (the app then simply has no searchable properties).
 */
export function readManifestIndex(path: string = DEFAULT_MANIFEST): IndexedPropertyPath[] {
  try {
    return forgeIndex(parse(readFileSync(path, 'utf8')));
  } catch {
    return [];
  }
}
