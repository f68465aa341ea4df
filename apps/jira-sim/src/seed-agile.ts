import { STORY_POINTS_FIELD, STORY_POINT_ESTIMATE_FIELD } from './seed';
import type { SimBoard, SimSprint } from './sim-records';

/** Jira Software's boards and sprints on the seeded site (`/rest/agile/1.0`). */
export const SEED_BOARDS = {
  proj: 1,
  team: 2,
  ops: 3,
} as const;

export const SEED_SPRINTS = {
  projClosed: 1,
  projActive: 2,
  projFuture: 3,
  teamActive: 4,
} as const;

export function seedBoards(): SimBoard[] {
  return [
    {
      id: SEED_BOARDS.proj,
      name: 'PROJ board',
      type: 'scrum',
      projectKey: 'PROJ',
      estimationFieldId: STORY_POINTS_FIELD,
    },
    {
      id: SEED_BOARDS.team,
      name: 'TEAM board',
      type: 'scrum',
      projectKey: 'TEAM',
      estimationFieldId: STORY_POINT_ESTIMATE_FIELD,
    },
    // A kanban board estimates nothing and has no sprints.
    {
      id: SEED_BOARDS.ops,
      name: 'OPS board',
      type: 'kanban',
      projectKey: 'OPS',
      estimationFieldId: null,
    },
  ];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SPRINT_ONE_START = Date.UTC(2025, 0, 6, 9, 0, 0);

const keys = (project: string, numbers: number[]) => numbers.map((n) => `${project}-${n}`);

/**
 * PROJ: a closed, an active and a future sprint; TEAM: an active one. Sub-tasks sit in their
 * parent's sprint, as in Jira. Every other issue of PROJ and TEAM is in the backlog.
 */
export function seedSprints(): SimSprint[] {
  const at = (days: number) => SPRINT_ONE_START + days * DAY_MS;
  return [
    {
      id: SEED_SPRINTS.projClosed,
      name: 'PROJ Sprint 1',
      state: 'closed',
      originBoardId: SEED_BOARDS.proj,
      goal: 'Ship the invoice fixes',
      createdDate: at(-1),
      startDate: at(0),
      endDate: at(14),
      completeDate: at(14),
      issueKeys: keys('PROJ', [11, 12]),
    },
    {
      id: SEED_SPRINTS.projActive,
      name: 'PROJ Sprint 2',
      state: 'active',
      originBoardId: SEED_BOARDS.proj,
      goal: 'Checkout and password reset',
      createdDate: at(13),
      startDate: at(14),
      endDate: at(28),
      issueKeys: keys('PROJ', [1, 2, 3, 4, 5, 6, 15, 17, 18]),
    },
    {
      id: SEED_SPRINTS.projFuture,
      name: 'PROJ Sprint 3',
      state: 'future',
      originBoardId: SEED_BOARDS.proj,
      goal: '',
      createdDate: at(20),
      issueKeys: keys('PROJ', [7, 8, 9, 10]),
    },
    {
      id: SEED_SPRINTS.teamActive,
      name: 'TEAM Sprint 1',
      state: 'active',
      originBoardId: SEED_BOARDS.team,
      goal: 'Onboarding',
      createdDate: at(13),
      startDate: at(14),
      endDate: at(28),
      issueKeys: keys('TEAM', [1, 2, 3, 4, 5, 9]),
    },
  ];
}
