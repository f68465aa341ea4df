import type { IndexedPropertyPath } from './sim-records';

/**
 * What an app declares for JQL indexing of its entity properties, read from its Connect
 * descriptor (`modules.jiraEntityProperties[].keyConfigurations[].extractions[]`: objectName,
 * type) or its Forge manifest (`modules['jira:entityProperty'][]`: propertyKey, entityType,
 * values[]: path, type; and `jira:entityPropertySet`'s `properties[]`). Malformed entries are
 * skipped; types are case-insensitive (the module reference allows NUMBER and number). Aliases
 * (`alias`, `searchAlias`) are not modelled: only `issue.property[key].path` clauses work.
 */

const TYPES: readonly IndexedPropertyPath['type'][] = ['number', 'string', 'text', 'date', 'user'];

type Loose = Record<string, unknown>;

const objects = (raw: unknown): Loose[] =>
  Array.isArray(raw)
    ? raw.filter((item): item is Loose => typeof item === 'object' && item !== null)
    : [];

function entry(
  entityType: unknown,
  propertyKey: unknown,
  path: unknown,
  type: unknown,
): IndexedPropertyPath[] {
  const normalType = typeof type === 'string' ? type.toLowerCase() : '';
  if (typeof propertyKey !== 'string' || typeof path !== 'string') return [];
  if (!TYPES.includes(normalType as IndexedPropertyPath['type'])) return [];
  return [
    {
      entityType: typeof entityType === 'string' ? entityType.toLowerCase() : 'issue',
      propertyKey,
      path,
      type: normalType as IndexedPropertyPath['type'],
    },
  ];
}

/** The Connect descriptor's `jiraEntityProperties` extractions. */
export function connectIndex(descriptor: unknown): IndexedPropertyPath[] {
  const modules = (descriptor as { modules?: Loose } | undefined)?.modules;
  return objects(modules?.jiraEntityProperties).flatMap((module) =>
    objects(module.keyConfigurations).flatMap((config) =>
      objects(config.extractions).flatMap((extraction) =>
        entry(module.entityType, config.propertyKey, extraction.objectName, extraction.type),
      ),
    ),
  );
}

function forgeProperty(property: Loose): IndexedPropertyPath[] {
  return objects(property.values).flatMap((value) =>
    entry(property.entityType, property.propertyKey, value.path, value.type),
  );
}

/** The Forge manifest's `jira:entityProperty` (and `jira:entityPropertySet`) modules. */
export function forgeIndex(manifest: unknown): IndexedPropertyPath[] {
  const modules = (manifest as { modules?: Loose } | undefined)?.modules;
  return [
    ...objects(modules?.['jira:entityProperty']).flatMap(forgeProperty),
    ...objects(modules?.['jira:entityPropertySet']).flatMap((set) =>
      objects(set.properties).flatMap(forgeProperty),
    ),
  ];
}
