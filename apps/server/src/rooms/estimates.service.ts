import { Injectable } from '@nestjs/common';
import {
  durationProblem,
  estimateFieldFor,
  formatJiraDuration,
  readinessOf,
  TIME_TRACKING_FIELD,
  type EstimateSavePayload,
} from '@poker/shared';
import { badRequest, DomainError, forbidden } from '../errors/domain.error';
import { jiraFailure } from '../jira/jira-failures';
import { JiraPlanningService } from '../jira/jira-planning.service';
import { JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { ProjectFieldsService } from '../tenants/project-fields.service';
import { TenantsService } from '../tenants/tenants.service';
import {
  RoomCommitter,
  type ActorView,
  type BoundTransition,
} from './commit/room-committer.service';
import { EstimateReadinessService, blockError } from './estimate-readiness.service';
import { EstimateRecordsService } from './estimate-records.service';
import type { Actor } from './rules/actor';
import type { AgreedIssue } from './rules/async-agreement';
import { estimateOutcome, estimateRecord, type EstimateOutcome } from './rules/estimate-outcome';
import type { IssueRow, RoomAggregate, VoteRow } from './rules/room-aggregate';
import { acceptAgreedIssue } from './rules/transitions/accept-agreed';
import { requireSavable, saveEstimate } from './rules/transitions/save-estimate';
import { RoomRepository } from './store/room.repository';

/** A save's answer: the room, and what went wrong without undoing the save. */
export interface SavedView {
  room: ActorView;
  warnings: string[];
}

/**
 * Writes the agreed estimate into the issue's own Jira field (estimateFieldFor: a time deck's
 * Original Estimate, the board's field, the project's, the room's, the site's). Before writing,
 * the issue's readiness is checked again in Jira, as the acting person, by the rule the badges
 * use; the app never writes where the person could not. Then the record goes into Jira as the
 * issue's `planningPoker` property, and the room records the save.
 */
@Injectable()
export class EstimatesService {
  constructor(
    private readonly jira: JiraService,
    private readonly planning: JiraPlanningService,
    private readonly committer: RoomCommitter,
    private readonly rooms: RoomRepository,
    private readonly tenants: TenantsService,
    private readonly projectFields: ProjectFieldsService,
    private readonly budget: JiraBudget,
    private readonly readiness: EstimateReadinessService,
    private readonly records: EstimateRecordsService,
  ) {}

  async save(actor: Actor, payload: EstimateSavePayload): Promise<SavedView> {
    const { issueKey, value } = payload;
    return this.saveWith(actor, payload, (aggregate, stored) => {
      const outcome = estimateOutcome(aggregate, issueKey, stored);
      const { rounds, consensus } = outcome;
      return {
        outcome,
        transition: (rows, context) =>
          saveEstimate(rows, actor, { issueKey, value, rounds, consensus }, context),
      };
    });
  }

  /**
   * Accepts an issue whose async cards agree (async-agreement.ts) by the same path as a save:
   * the same checks, field rule and record; the room then records the cards as the issue's
   * next round, revealed, and the estimate as a consensus.
   */
  async acceptAgreed(actor: Actor, roomId: string, agreed: AgreedIssue): Promise<SavedView> {
    const { issueKey, card, value } = agreed;
    return this.saveWith(actor, { roomId, issueKey, value }, (aggregate, stored) => {
      const rounds = 1 + stored.reduce((max, vote) => Math.max(max, vote.round), 0);
      const voters = agreed.accountIds.length;
      // The accepted round is revealed like any other: nameless in an anonymous room.
      const anonymous = aggregate.room.anonymousReveal;
      const outcome: EstimateOutcome = {
        rounds,
        consensus: true,
        voters,
        distribution: [{ card, count: voters }],
        votes: anonymous ? [] : agreed.accountIds.map((accountId) => ({ accountId, card })),
        anonymous,
      };
      return {
        outcome,
        transition: (rows, context) =>
          acceptAgreedIssue(rows, actor, { issueKey, card, value, rounds }, context),
      };
    });
  }

  /**
   * The save itself: checks, field, Jira, the record, then `decide`'s outcome and transition
   * (given the rows and, off the issue in play, the issue's stored played votes).
   */
  private async saveWith(
    actor: Actor,
    payload: EstimateSavePayload,
    decide: (
      aggregate: RoomAggregate,
      stored: VoteRow[],
    ) => { outcome: EstimateOutcome; transition: BoundTransition },
  ): Promise<SavedView> {
    const { issueKey, value } = payload;
    const aggregate = await this.committer.peek(actor, payload.roomId);
    const issue = requireSavable(aggregate, actor, issueKey);
    const fieldId = await this.fieldFor(actor, aggregate, issue);
    const time = fieldId === TIME_TRACKING_FIELD;
    // A duration Jira would refuse is refused before Jira is asked anything.
    const problem = time ? durationProblem(value) : null;
    if (problem) throw badRequest(problem);
    await this.budget.spendOnSave(actor);
    const display = time ? formatJiraDuration(value) : String(value);
    await this.readiness.requireReady(actor, issueKey, fieldId);
    await this.write(actor, issueKey, fieldId, time ? display : value);
    const stored =
      aggregate.room.currentIssueKey === issueKey
        ? []
        : await this.rooms.issueVotes(actor.tenantId, payload.roomId, issueKey);
    const { outcome, transition } = decide(aggregate, stored);
    const record = estimateRecord(outcome, { value, display, fieldId, at: new Date() });
    const warnings = await this.records.write(actor, issueKey, record);
    const room = await this.committer.apply(actor, payload.roomId, transition);
    return { room, warnings };
  }

  /** The issue's field by the one rule; CONFLICT with the badge's words when none is set. */
  private async fieldFor(actor: Actor, aggregate: RoomAggregate, issue: IssueRow): Promise<string> {
    const [tenant, projectFields] = await Promise.all([
      this.tenants.findById(actor.tenantId),
      this.projectFields.of(actor.tenantId),
    ]);
    const fieldId = estimateFieldFor(issue.issueKey, {
      deck: aggregate.room.deck,
      issueFieldId: issue.fieldId,
      projectFields,
      roomFieldId: aggregate.room.fieldId,
      defaultFieldId: tenant?.defaultFieldId ?? null,
    });
    if (fieldId) return fieldId;
    const readiness = readinessOf({
      issueKey: issue.issueKey,
      found: true,
      canEdit: true,
      fieldId: null,
      editableFieldIds: [],
      teamManaged: false,
      estimationEnabled: null,
      timeTrackingEnabled: null,
    });
    throw readiness.ready
      ? badRequest('No estimate field is chosen.')
      : blockError(readiness.blocks[0]);
  }

  /** The write itself: a number into a field, or a duration into Original Estimate. */
  private async write(
    actor: Actor,
    issueKey: string,
    fieldId: string,
    value: number | string,
  ): Promise<void> {
    try {
      if (typeof value === 'string')
        await this.planning.setOriginalEstimate(actor, issueKey, value);
      else await this.jira.setField(actor, issueKey, fieldId, value);
    } catch (error) {
      throw jiraFailure(error, {
        notFound: () =>
          new DomainError('NOT_FOUND', `${issueKey} is not in Jira, or you may not see it.`),
        forbidden: () =>
          forbidden(`Jira refused the edit of ${issueKey}: the app lacks permission there.`),
        badRequest: (refusal) =>
          new DomainError(
            'JIRA_ERROR',
            `Jira rejected the value: ${refusal.fieldErrors[fieldId] ?? refusal.message}`,
          ),
      });
    }
  }
}
