import { Injectable } from '@nestjs/common';
import {
  readinessOf,
  TIME_TRACKING_FIELD,
  type ReadinessBlock,
  type ReadinessFacts,
} from '@poker/shared';
import { conflict, DomainError, forbidden } from '../errors/domain.error';
import { isJiraStatus, jiraFailure } from '../jira/jira-failures';
import { JiraPlanningService } from '../jira/jira-planning.service';
import type { JiraIssueRef, JiraProjectRef } from '../jira/jira-types';
import { JiraService } from '../jira/jira.service';
import type { Actor } from './rules/actor';

/** The issue as the save found it: its Jira ID and project. */
export interface ReadyIssue {
  id: string;
  projectKey: string;
}

/**
 * The save's re-check of an issue's readiness: the facts are read from Jira as the acting
 * person (Connect: the app, asking Jira's permission API about that person) and judged by the
 * same rule as the browser's badges (`readinessOf` in libs/shared), so a blocked save says
 * exactly what the badge said.
 */
@Injectable()
export class EstimateReadinessService {
  constructor(
    private readonly jira: JiraService,
    private readonly planning: JiraPlanningService,
  ) {}

  /** The issue when its estimate may be saved into `fieldId`; else the first block, as an error. */
  async requireReady(actor: Actor, issueKey: string, fieldId: string): Promise<ReadyIssue> {
    let issue: JiraIssueRef | undefined;
    let facts: ReadinessFacts;
    try {
      issue = await this.jira.issue(actor, issueKey).catch((error: unknown) => {
        if (isJiraStatus(error, 404)) return undefined;
        throw error;
      });
      facts = issue
        ? await this.facts(actor, issueKey, issue, fieldId)
        : { ...NOTHING_KNOWN, issueKey, fieldId, found: false };
    } catch (error) {
      throw jiraFailure(error);
    }
    const readiness = readinessOf(facts);
    if (!readiness.ready) throw blockError(readiness.blocks[0]);
    return { id: issue!.id, projectKey: projectOf(issueKey, issue?.fields?.project) };
  }

  private async facts(
    actor: Actor,
    issueKey: string,
    issue: JiraIssueRef,
    fieldId: string,
  ): Promise<ReadinessFacts> {
    const project = issue.fields?.project;
    const projectKey = projectOf(issueKey, project);
    const teamManaged = project?.simplified === true;
    const time = fieldId === TIME_TRACKING_FIELD;
    const canEdit = await this.canEdit(actor, issue);
    const [editMeta, estimationEnabled, timeTrackingEnabled, fieldName] = await Promise.all([
      canEdit ? this.jira.editMeta(actor, issueKey) : undefined,
      canEdit && teamManaged && !time ? this.planning.estimationEnabled(actor, projectKey) : null,
      canEdit && time ? this.planning.timeTrackingEnabled(actor) : null,
      time ? undefined : this.fieldName(actor, fieldId),
    ]);
    return {
      issueKey,
      found: true,
      canEdit,
      fieldId,
      editableFieldIds: Object.keys(editMeta?.fields ?? {}),
      teamManaged,
      estimationEnabled,
      timeTrackingEnabled,
      ...(fieldName ? { fieldName } : {}),
    };
  }

  /** EDIT_ISSUES of the acting person, asked of Jira's permission API (never assumed). */
  private async canEdit(actor: Actor, issue: JiraIssueRef): Promise<boolean> {
    const id = Number(issue.id);
    const answer = await this.jira.checkPermissions(actor, actor.accountId, { issueIds: [id] });
    const edit = answer.projectPermissions?.find((p) => p.permission === 'EDIT_ISSUES');
    return edit?.issues?.includes(id) ?? false;
  }

  /** The field's name on this site for the message (read live, never kept); its ID otherwise. */
  private async fieldName(actor: Actor, fieldId: string): Promise<string | undefined> {
    const fields = await this.jira.fields(actor).catch(() => []);
    return fields.find((field) => field.id === fieldId)?.name;
  }
}

const NOTHING_KNOWN = {
  canEdit: false,
  editableFieldIds: [],
  teamManaged: false,
  estimationEnabled: null,
  timeTrackingEnabled: null,
} as const;

function projectOf(issueKey: string, project: JiraProjectRef | undefined): string {
  return project?.key ?? issueKey.slice(0, issueKey.lastIndexOf('-'));
}

/** A block as the contract's error: the badge's own sentence, with a code that fits it. */
export function blockError(block: ReadinessBlock): DomainError {
  switch (block.reason) {
    case 'not-found':
      return new DomainError('NOT_FOUND', block.message);
    case 'no-edit-permission':
      return forbidden(block.message);
    default:
      return conflict(block.message);
  }
}
