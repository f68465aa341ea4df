import { Injectable } from '@nestjs/common';
import type { EstimateSavePayload } from '@poker/shared';
import { DataSource } from 'typeorm';
import { conflict, DomainError, forbidden, notFound } from '../errors/domain.error';
import { JiraError } from '../jira/jira-error';
import { jiraUnavailable, JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { RoomAccess } from '../rooms/room-access.service';
import { RoomIssue } from '../rooms/room-issue.entity';
import { ActorView, RoomMutator } from '../rooms/room-mutator.service';
import { Actor, nextRoundFor, requireOwner } from '../rooms/room-rules';
import { Tenant } from '../tenants/tenant.entity';

/**
 * Writes the agreed estimate into the room's Jira field. Jira is asked first whether the acting
 * user may edit the issue (the app never writes where the user could not) and whether the field
 * is on the issue's edit screen; only then does the app write, and record what it wrote.
 */
@Injectable()
export class EstimatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jira: JiraService,
    private readonly mutator: RoomMutator,
    private readonly access: RoomAccess,
    private readonly budget: JiraBudget,
  ) {}

  async save(actor: Actor, payload: EstimateSavePayload): Promise<ActorView> {
    const fieldId = await this.checkRoom(actor, payload);
    await this.budget.spendOnSave(actor);
    await this.writeToJira(actor, payload.issueKey, fieldId, payload.value);
    return this.mutator.mutate(actor, payload.roomId, async ({ em, aggregate }) => {
      requireOwner(aggregate, actor, 'save estimates');
      const issue = aggregate.issues.find((i) => i.issueKey === payload.issueKey);
      if (!issue) throw notFound(`Issue ${payload.issueKey} in this room`);
      await em.update(
        RoomIssue,
        { roomId: payload.roomId, issueKey: payload.issueKey },
        { savedValue: payload.value, savedAt: new Date(), savedByAccountId: actor.accountId },
      );
      const { room } = aggregate;
      if (room.autoAdvance && room.currentIssueKey === payload.issueKey) {
        const saved = new Set(aggregate.issues.filter((i) => i.savedAt).map((i) => i.issueKey));
        saved.add(payload.issueKey);
        const after = aggregate.issues.filter((i) => i.position > issue.position);
        const next = [...after, ...aggregate.issues].find((i) => !saved.has(i.issueKey));
        if (next) {
          const round = nextRoundFor(aggregate, next.issueKey);
          Object.assign(room, {
            currentIssueKey: next.issueKey,
            round,
            revealed: false,
            timerEndsAt: null,
          });
        }
      }
    });
  }

  /** Owner, issue in the room, and an estimate field chosen; returns the field ID. */
  private async checkRoom(actor: Actor, payload: EstimateSavePayload): Promise<string> {
    const room = await this.access.requireOwned(actor, payload.roomId, 'save estimates');
    const inRoom = await this.dataSource
      .getRepository(RoomIssue)
      .existsBy({ roomId: room.id, issueKey: payload.issueKey });
    if (!inRoom) throw notFound(`Issue ${payload.issueKey} in this room`);
    if (room.fieldId) return room.fieldId;
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: actor.tenantId });
    if (!tenant?.defaultFieldId) {
      throw conflict(
        'No estimate field is set: a Jira admin picks one in the app settings, or the owner sets one for the room.',
      );
    }
    return tenant.defaultFieldId;
  }

  private async writeToJira(
    actor: Actor,
    issueKey: string,
    fieldId: string,
    value: number,
  ): Promise<void> {
    try {
      const issue = await this.jira.issue(actor, issueKey);
      const permissions = await this.jira.checkPermissions(actor, actor.accountId, {
        issueIds: [Number(issue.id)],
      });
      const edit = permissions.projectPermissions?.find((p) => p.permission === 'EDIT_ISSUES');
      if (!edit?.issues?.includes(Number(issue.id))) {
        throw forbidden(
          `You do not have permission to edit ${issueKey} in Jira, so the app will not write it for you.`,
        );
      }
      const meta = await this.jira.editMeta(actor, issueKey);
      if (!(fieldId in (meta.fields ?? {}))) {
        const project = issue.fields?.project?.key ?? issueKey.split('-')[0];
        throw conflict(
          `The estimate field (${fieldId}) is not on the edit screen of project ${project}. A Jira admin can add it to that project's screen, or pick another field.`,
        );
      }
      await this.jira.setField(actor, issueKey, fieldId, value);
    } catch (error) {
      throw this.explain(error, issueKey, fieldId);
    }
  }

  private explain(error: unknown, issueKey: string, fieldId: string): DomainError {
    if (error instanceof DomainError) return error;
    if (error instanceof JiraError) {
      if (error.status === 404) {
        return notFound(`Issue ${issueKey} in Jira (it may have been deleted or moved)`);
      }
      if (error.status === 403) {
        return forbidden(`Jira refused the edit of ${issueKey}: the app lacks permission there.`);
      }
      if (error.status === 400) {
        const reason = error.fieldErrors[fieldId] ?? error.message;
        return new DomainError('JIRA_ERROR', `Jira rejected the value: ${reason}`);
      }
    }
    return jiraUnavailable(error);
  }
}
