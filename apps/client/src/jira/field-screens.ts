import { projectKeyOf } from '@poker/shared';
import { useEffect, useState } from 'react';
import { useJira } from './jira-context';

/** Each project's edit screen (field IDs), from one issue of it; projects Jira did not answer for are left out. */
export type ProjectScreens = ReadonlyMap<string, ReadonlySet<string>>;

/** One issue per project: its edit screen stands for the project's (issue types aside). */
export function sampleIssuePerProject(issueKeys: readonly string[]): Map<string, string> {
  const samples = new Map<string, string>();
  for (const key of issueKeys) {
    const project = projectKeyOf(key);
    if (!samples.has(project)) samples.set(project, key);
  }
  return samples;
}

/**
 * What a field picker says beside a field: null when the field is on the edit screen of every
 * project asked about (or nothing is known), else which projects' screens lack it.
 */
export function fieldScreenNote(fieldId: string, screens: ProjectScreens): string | null {
  if (screens.size === 0) return null;
  const missing = [...screens].filter(([, fields]) => !fields.has(fieldId)).map(([key]) => key);
  if (missing.length === 0) return null;
  if (missing.length === 1) return `not on ${missing[0]}’s edit screen`;
  if (missing.length === screens.size) return 'not on the edit screen of these projects';
  return `not on the edit screens of ${missing.join(', ')}`;
}

/**
 * The edit screens of the projects of `issueKeys`, read live from Jira as the person looking
 * (editmeta of one issue per project, at most eight projects). Nothing leaves the browser.
 */
export function useProjectScreens(issueKeys: readonly string[]): ProjectScreens {
  const samples = [...sampleIssuePerProject(issueKeys)].slice(0, 8);
  return useScreens(samples.map(([project, key]) => `${project}:${key}`).join(','));
}

/** The edit screens of these projects (each from its first issue), as `useProjectScreens`. */
export function useScreensOfProjects(projectKeys: readonly string[]): ProjectScreens {
  return useScreens([...new Set(projectKeys)].slice(0, 8).join(','));
}

/** Only one project's screen (empty when unknown). */
export function screenOf(screens: ProjectScreens, projectKey: string): ProjectScreens {
  const screen = screens.get(projectKey);
  return screen ? new Map([[projectKey, screen]]) : new Map();
}

/** `wanted`: "PROJECT:ISSUE-KEY" pairs (the issue's screen) or bare project keys, by commas. */
function useScreens(wanted: string): ProjectScreens {
  const { fields } = useJira();
  const [screens, setScreens] = useState<ProjectScreens>(new Map());
  useEffect(() => {
    let live = true;
    const pairs = wanted ? wanted.split(',').map((pair) => pair.split(':')) : [];
    void Promise.all(
      pairs.map(async ([project = '', key]) => {
        try {
          const screen = key ? fields.editScreen(key) : fields.projectScreen(project);
          return [[project, new Set(await screen)] as const];
        } catch {
          return [];
        }
      }),
    ).then((answers) => {
      if (!live) return;
      // An empty screen means the person may not edit there: it says nothing about the field.
      setScreens(new Map(answers.flat().filter(([, screen]) => screen.size > 0)));
    });
    return () => {
      live = false;
    };
  }, [fields, wanted]);
  return screens;
}
