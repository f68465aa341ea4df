import { votingProgress, type RoomSnapshot } from '@poker/shared';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const show = (value: number | null) => (value === null ? 'none' : number.format(value));

/** The revealed round in one sentence: the consensus, or the spread to talk about. */
function revealSentence(room: RoomSnapshot): string {
  const heading = `Cards revealed for ${room.currentIssueKey ?? 'the issue'}.`;
  const { stats, votes } = room;
  if (!stats || !votes || votes.length === 0) return `${heading} Nobody voted.`;
  const count = `${votes.length} ${votes.length === 1 ? 'vote' : 'votes'}`;
  if (stats.consensus && stats.mode !== null) {
    return `${heading} Consensus on ${stats.mode}, ${count}.`;
  }
  if (stats.average === null) return `${heading} No consensus, ${count}, none with a number.`;
  return (
    `${heading} No consensus, ${count}: average ${show(stats.average)}, ` +
    `median ${show(stats.median)}, lowest ${show(stats.min)}, highest ${show(stats.max)}.`
  );
}

/**
 * What a screen reader hears about the round: "3 of 5 voted" while cards are hidden, the
 * result once revealed. Said again only when this text changes.
 */
export function roomAnnouncement(room: RoomSnapshot): string {
  if (room.currentIssueKey === null) return '';
  if (room.revealed) return revealSentence(room);
  // The same count as the table's "N of M voted" (online voters only).
  const { voted, voters } = votingProgress(room);
  return `${voted} of ${voters} voted on ${room.currentIssueKey}.`;
}
