import { Injectable, Logger } from '@nestjs/common';
import type { AcceptAgreedAckData, IssueAcceptAgreedPayload } from '@poker/shared';
import { DomainError } from '../errors/domain.error';
import { RoomCommitter, type ActorView } from './commit/room-committer.service';
import { EstimatesService } from './estimates.service';
import type { Actor } from './rules/actor';
import { agreedIssues } from './rules/async-agreement';
import { requireFacilitator } from './rules/room-guards';

/**
 * "Accept agreed" (ARCHITECTURE.md "Async voting"): every queued issue whose async cards agree
 * is saved into Jira by the ordinary save path (its checks, field rule and record), one issue
 * after the other, and its cards become its revealed round. One issue failing (Jira refuses,
 * no field, the cards changed) is reported and the others go on.
 */
@Injectable()
export class AsyncVotingService {
  private readonly logger = new Logger(AsyncVotingService.name);

  constructor(
    private readonly committer: RoomCommitter,
    private readonly estimates: EstimatesService,
  ) {}

  async acceptAgreed(
    actor: Actor,
    payload: IssueAcceptAgreedPayload,
  ): Promise<AcceptAgreedAckData> {
    const aggregate = await this.committer.peek(actor, payload.roomId);
    requireFacilitator(aggregate, actor, 'accept agreed issues');
    const agreed = agreedIssues(aggregate);
    const accepted: AcceptAgreedAckData['accepted'] = [];
    if (payload.preview) {
      return {
        accepted: agreed.map(({ issueKey, card, value }) => ({ issueKey, card, value })),
        failed: [],
      };
    }
    const failed: AcceptAgreedAckData['failed'] = [];
    const warnings: string[] = [];
    let room: ActorView | undefined;
    for (const issue of agreed) {
      const { issueKey, card, value } = issue;
      try {
        const saved = await this.estimates.acceptAgreed(actor, payload.roomId, issue);
        room = saved.room;
        warnings.push(...saved.warnings);
        accepted.push({ issueKey, card, value });
      } catch (error) {
        if (!(error instanceof DomainError)) {
          this.logger.warn(`Accepting ${issueKey} failed: ${String(error)}`);
        }
        const reason =
          error instanceof DomainError ? error.message : 'Something went wrong; try again.';
        failed.push({ issueKey, reason });
      }
    }
    return { accepted, failed, ...(warnings.length > 0 && { warnings }), ...(room && { room }) };
  }
}
