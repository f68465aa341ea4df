import { Router, type Response } from 'express';
import { issueTypeJson } from '../issue-fields-json';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import { hasProjectPermission } from '../permission-model';
import { ESTIMATION_FEATURE } from '../seed-planning';
import type { FeatureState, SimProject } from '../sim-records';
import { findProjectByIdOrKey, type SimState } from '../sim-state';

/** Jira's answer for a project that does not exist or that the caller may not browse. */
export function projectNotFound(idOrKey: string): string {
  return /^\d+$/.test(idOrKey)
    ? `No project could be found with id '${idOrKey}'.`
    : `No project could be found with key '${idOrKey}'.`;
}

/** The project if the caller may browse it, else a 404 sent. */
export function visibleProject(
  state: SimState,
  res: Response,
  idOrKey: string,
): SimProject | undefined {
  const project = findProjectByIdOrKey(state, idOrKey);
  if (project && hasProjectPermission(state, actorOf(res), project.key, 'BROWSE_PROJECTS')) {
    return project;
  }
  sendJiraError(res, 404, [projectNotFound(idOrKey)]);
  return undefined;
}

/** Names and descriptions of the features the simulator knows (U: Jira's exact texts). */
const FEATURE_TEXT: Record<string, [string, string]> = {
  'jsw.agility.backlog': ['Backlog', 'Plan and prioritize work in a dedicated space.'],
  'jsw.agility.sprints': ['Sprints', 'Plan and run work in short, time-boxed iterations.'],
  [ESTIMATION_FEATURE]: ['Estimation', 'Estimate work with story points.'],
};

/**
 * The features of a project. Team-managed projects have Backlog and Sprints on, and Estimation
 * as the project sets it; company-managed projects list only what their record holds (none in
 * the seed). U: the full list Jira gives, which holds more features than these.
 */
function featuresOf(project: SimProject): [string, FeatureState][] {
  const features: Record<string, FeatureState> = project.simplified
    ? { 'jsw.agility.backlog': 'ENABLED', 'jsw.agility.sprints': 'ENABLED' }
    : {};
  return Object.entries({ ...features, ...project.features });
}

/** `GET /project/{idOrKey}` and its features: the team-managed (`simplified`) facts. */
export function projectsRouter(state: SimState): Router {
  const router = Router();

  router.get('/rest/api/3/project/:idOrKey', (req, res) => {
    const project = visibleProject(state, res, req.params.idOrKey);
    if (!project) return;
    res.json({
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: `${state.url}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      description: '',
      issueTypes: state.issueTypes.map((type) => issueTypeJson(state, type)),
      name: project.name,
      projectTypeKey: 'software',
      simplified: project.simplified,
      style: project.simplified ? 'next-gen' : 'classic',
      isPrivate: false,
      properties: {},
    });
  });

  router.get('/rest/api/3/project/:idOrKey/features', (req, res) => {
    const project = visibleProject(state, res, req.params.idOrKey);
    if (!project) return;
    res.json({
      features: featuresOf(project).map(([feature, featureState]) => {
        const [name, description] = FEATURE_TEXT[feature] ?? [feature, ''];
        return {
          projectId: Number(project.id),
          state: featureState,
          toggleLocked: false,
          feature,
          prerequisites: feature === 'jsw.agility.sprints' ? ['jsw.agility.backlog'] : [],
          localisedName: name,
          localisedDescription: description,
          imageUri: `${state.url}/images/features/${feature}.svg`,
        };
      }),
    });
  });

  return router;
}
