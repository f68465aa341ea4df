import { voterOf, type RevealedRound, type RoomSnapshot } from '@poker/shared';
import { Lozenge } from '../../components/lozenge';
import { Distribution } from './results';

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const show = (value: number | null) => (value === null ? '—' : number.format(value));

function EarlierRound({ round }: { round: RevealedRound }) {
  const { stats, votes } = round;
  const anonymous = votes.some((vote) => voterOf(vote) === null);
  return (
    <li className="round-history__round" data-testid={`history-round-${round.round}`}>
      <div className="round-history__heading">
        <h3 className="round-history__title">Round {round.round}</h3>
        {stats.consensus ? (
          <Lozenge appearance="success">Consensus</Lozenge>
        ) : (
          <Lozenge appearance="moved">No consensus</Lozenge>
        )}
        {anonymous && <Lozenge>Anonymous</Lozenge>}
      </div>
      <p className="subtle round-history__stats">
        Average {show(stats.average)} · Median {show(stats.median)} · Suggested{' '}
        {stats.suggested ?? '—'} · {stats.voteCount} {stats.voteCount === 1 ? 'vote' : 'votes'}
      </p>
      {votes.length > 0 && (
        <Distribution
          stats={stats}
          votes={votes}
          label={`Distribution of votes in round ${round.round}`}
          testId="history-distribution"
        />
      )}
    </li>
  );
}

/**
 * Earlier revealed rounds of the issue in play, newest first, as the server sends them (only
 * revealed rounds, without names in an anonymous room).
 */
export function RoundHistory({ room }: { room: RoomSnapshot }) {
  if (room.history.length === 0) return null;
  return (
    <section
      className="panel round-history"
      aria-labelledby="round-history-title"
      data-testid="round-history"
    >
      <h2 id="round-history-title" className="panel__title">
        Earlier rounds of {room.currentIssueKey}
      </h2>
      <ol className="round-history__list">
        {room.history.map((round) => (
          <EarlierRound key={round.round} round={round} />
        ))}
      </ol>
    </section>
  );
}
