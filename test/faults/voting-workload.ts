import type { Ack, RoomSnapshot } from '@poker/shared';
import type { PokerClient } from '../support/poker-client';

/** What one voter's patient client saw: the votes the server accepted, and every failure. */
export interface VoterReport {
  accountId: string;
  /** Accepted votes, in order, with the room version the server answered with. */
  accepted: { value: string; version: number }[];
  /** Error codes of refused attempts ('TIMEOUT' when no ack came back). */
  failures: string[];
}

/**
 * Sends `vote:cast` until the server accepts it, as a patient client would: a timed-out or
 * refused attempt is retried with the same card (casting is idempotent).
 */
export async function castUntilAccepted(
  client: PokerClient,
  roomId: string,
  value: string,
  report: VoterReport,
  deadlineMs = 30_000,
): Promise<RoomSnapshot> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    let ack: Ack<{ room: RoomSnapshot }> | undefined;
    try {
      ack = (await client.socket.timeout(2500).emitWithAck('vote:cast', { roomId, value })) as Ack<{
        room: RoomSnapshot;
      }>;
    } catch {
      report.failures.push('TIMEOUT');
    }
    if (ack?.ok) {
      report.accepted.push({ value, version: ack.data.room.version });
      return ack.data.room;
    }
    if (ack && !ack.ok) report.failures.push(ack.error.code);
    if (Date.now() > until) throw new Error(`vote ${value} of ${report.accountId} never accepted`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Voters changing their card in a loop until stopped; each card is retried until accepted. */
export function startVoting(
  voters: { client: PokerClient; accountId: string }[],
  roomId: string,
  cards: string[],
  pauseMs = 120,
): { reports: VoterReport[]; stop(): Promise<VoterReport[]> } {
  let stopped = false;
  const reports = voters.map(({ accountId }): VoterReport => ({
    accountId,
    accepted: [],
    failures: [],
  }));
  const loops = voters.map(async ({ client }, index) => {
    for (let turn = index; !stopped; turn += 1) {
      await castUntilAccepted(client, roomId, cards[turn % cards.length], reports[index]);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    reports,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return reports;
    },
  };
}

/** The last card the server accepted from a voter: the one a reveal must show. */
export function lastAccepted(report: VoterReport): string | undefined {
  return report.accepted.at(-1)?.value;
}
