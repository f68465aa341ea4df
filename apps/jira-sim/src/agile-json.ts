import { STATUSES } from './seed-planning';
import type { SimBoard, SimProject, SimSprint } from './sim-records';
import { findField, type SimState } from './sim-state';

/** Jira Software's board, board configuration and sprint JSON (`/rest/agile/1.0`). */

const agileUrl = (state: SimState, path: string) => `${state.url}/rest/agile/1.0${path}`;

export function boardJson(state: SimState, board: SimBoard, project: SimProject) {
  return {
    id: board.id,
    self: agileUrl(state, `/board/${board.id}`),
    name: board.name,
    type: board.type,
    location: {
      projectId: Number(project.id),
      displayName: `${project.name} (${project.key})`,
      projectName: project.name,
      projectKey: project.key,
      projectTypeKey: 'software',
      avatarURI: `${state.url}/rest/api/2/universal_avatar/view/type/project/avatar/10400?size=small`,
      name: `${project.name} (${project.key})`,
    },
    isPrivate: false,
  };
}

/** The board's estimation statistic: a field, or none; kanban boards have no such setting. */
function estimationJson(state: SimState, board: SimBoard) {
  if (board.type === 'kanban') return undefined;
  if (!board.estimationFieldId) return { type: 'none' };
  const field = findField(state, board.estimationFieldId);
  return {
    type: 'field',
    field: {
      fieldId: board.estimationFieldId,
      displayName: field?.name ?? board.estimationFieldId,
    },
  };
}

export function boardConfigurationJson(state: SimState, board: SimBoard, project: SimProject) {
  const filterId = String(10000 + board.id);
  const column = (name: string, statusId: string) => ({
    name,
    statuses: [{ id: statusId, self: `${state.url}/rest/api/2/status/${statusId}` }],
  });
  const estimation = estimationJson(state, board);
  return {
    id: board.id,
    name: board.name,
    type: board.type,
    self: agileUrl(state, `/board/${board.id}/configuration`),
    location: {
      type: 'project',
      key: project.key,
      id: project.id,
      self: `${state.url}/rest/api/2/project/${project.id}`,
      name: project.name,
    },
    filter: { id: filterId, self: `${state.url}/rest/api/2/filter/${filterId}` },
    ...(board.type === 'kanban' && {
      subQuery: { query: 'fixVersion in unreleasedVersions() OR fixVersion is EMPTY' },
    }),
    columnConfig: {
      columns: [
        column('To Do', STATUSES.toDo.id),
        column('In Progress', STATUSES.inProgress.id),
        column('Done', STATUSES.done.id),
      ],
      constraintType: 'none',
    },
    ...(estimation && { estimation }),
    ranking: { rankCustomFieldId: 10019 },
  };
}

const isoDate = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

export function sprintJson(state: SimState, sprint: SimSprint) {
  return {
    id: sprint.id,
    self: agileUrl(state, `/sprint/${sprint.id}`),
    state: sprint.state,
    name: sprint.name,
    ...(sprint.startDate !== undefined && { startDate: isoDate(sprint.startDate) }),
    ...(sprint.endDate !== undefined && { endDate: isoDate(sprint.endDate) }),
    ...(sprint.completeDate !== undefined && { completeDate: isoDate(sprint.completeDate) }),
    createdDate: isoDate(sprint.createdDate),
    originBoardId: sprint.originBoardId,
    goal: sprint.goal,
  };
}
