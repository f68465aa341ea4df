import { Injectable } from '@nestjs/common';
import type { EstimateSavePayload } from '@poker/shared';
import { conflict, forbidden, notFound } from '../errors/domain.error';
import { DomainError } from '../errors/domain.error';
import { jiraFailure } from '../jira/jira-failures';
import { JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { TenantsService } from '../tenants/tenants.service';
import { RoomCommitter, type ActorView } from './commit/room-committer.service';
import type { Actor } from './rules/actor';
import { requireSavable, saveEstimate } from './rules/transitions/save-estimate';

/**
 * Writes the agreed estimate into the room's Jira field. Jira is asked first whether the acting
 * user may edit the issue (the app never writes where the user could not) and whether the field
 * is on the issue's edit screen; only then does the app write, and record what it wrote.
 */
@Injectable()
export class EstimatesService {
  constructor(
    private readonly jira: JiraService,
    private readonly committer: RoomCommitter,
    private readonly tenants: TenantsService,
    private readonly budget: JiraBudget,
  ) {}

  async save(actor: Actor, payload: EstimateSavePayload): Promise<ActorView> {
    const fieldId = await this.fieldFor(actor, payload);
    await this.budget.spendOnSave(actor);
    await this.writeToJira(actor, payload.issueKey, fieldId, payload.value);
    return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
      saveEstimate(aggregate, actor, payload, context),
    );
  }

  /**
   * Owner, issue in the room (refused before Jira is asked anything), and an estimate field
   * chosen: the room's, else the site's default. Returns the field ID.
   */
  private async fieldFor(actor: Actor, payload: EstimateSavePayload): Promise<string> {
    const aggregate = await this.committer.peek(actor, payload.roomId);
    requireSavable(aggregate, actor, payload.issueKey);
    if (aggregate.room.fieldId) return aggregate.room.fieldId;
    const tenant = await this.tenants.findById(actor.tenantId);
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
      throw jiraFailure(error, {
        notFound: () => notFound(`Issue ${issueKey} in Jira (it may have been deleted or moved)`),
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
