import { voterOf, type RevealedVote, type RoomSnapshot, type VoteStats } from '@poker/shared';
import { Lozenge } from '../../components/lozenge';
import { Person, PersonName } from '../../components/person';

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const show = (value: number | null) => (value === null ? '—' : number.format(value));

/** The cards played, each with the avatars of who played it (none when anonymous). */
export function Distribution({
  stats,
  votes,
  label = 'Distribution of votes',
  testId = 'distribution',
}: {
  stats: VoteStats;
  votes: RevealedVote[];
  label?: string;
  testId?: string;
}) {
  const most = Math.max(1, ...stats.distribution.map((entry) => entry.count));
  return (
    <ol className="distribution" aria-label={label} data-testid={testId}>
      {stats.distribution.map(({ card, count }) => (
        <li key={card} className="distribution__row">
          <span className="distribution__card">{card === 'coffee' ? '☕' : card}</span>
          <span className="distribution__track">
            <span
              className={`distribution__bar${card === stats.mode ? ' distribution__bar--mode' : ''}`}
              style={{ width: `${(count / most) * 100}%` }}
            />
          </span>
          <span className="distribution__count">
            {count} {count === 1 ? 'vote' : 'votes'}
          </span>
          <span className="distribution__voters">
            {votes
              .filter((vote) => vote.value === card)
              .map((vote) => voterOf(vote))
              .map(
                (voter) =>
                  voter !== null && <Person key={voter} accountId={voter} showName={false} />,
              )}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Names({ accountIds }: { accountIds: string[] }) {
  return (
    <>
      {accountIds.map((id, index) => (
        <span key={id}>
          {index > 0 && ', '}
          <PersonName accountId={id} />
        </span>
      ))}
    </>
  );
}

/** Who voted lowest and highest, so the team asks them first. */
function Outliers({ stats }: { stats: VoteStats }) {
  if (stats.outliers.lowest.length === 0 && stats.outliers.highest.length === 0) return null;
  return (
    <div className="outliers" data-testid="outliers">
      <p>
        <span className="outliers__label">Lowest ({show(stats.min)})</span>
        <Names accountIds={stats.outliers.lowest} />
      </p>
      <p>
        <span className="outliers__label">Highest ({show(stats.max)})</span>
        <Names accountIds={stats.outliers.highest} />
      </p>
    </div>
  );
}

/** The revealed round: average, median, mode, consensus, distribution and the outliers. */
export function Results({ room }: { room: RoomSnapshot }) {
  const { stats, votes } = room;
  if (!stats || !votes) return null;
  if (votes.length === 0) {
    return (
      <section className="panel results" data-testid="results">
        <h2 className="panel__title">Results</h2>
        <p className="subtle">Nobody voted in this round.</p>
      </section>
    );
  }
  return (
    <section className="panel results" aria-label="Results" data-testid="results">
      <div className="results__heading">
        <h2 className="panel__title">Results</h2>
        {stats.consensus ? (
          <Lozenge appearance="success" bold>
            Consensus
          </Lozenge>
        ) : (
          <Lozenge appearance="moved">No consensus</Lozenge>
        )}
        {room.anonymousReveal && <Lozenge>Anonymous</Lozenge>}
      </div>
      <dl className="stats">
        <div className="stat">
          <dt>Average</dt>
          <dd data-testid="stat-average">{show(stats.average)}</dd>
        </div>
        <div className="stat">
          <dt>Median</dt>
          <dd data-testid="stat-median">{show(stats.median)}</dd>
        </div>
        <div className="stat">
          <dt>Mode</dt>
          <dd data-testid="stat-mode">{stats.mode ?? '—'}</dd>
        </div>
        <div className="stat">
          <dt>Suggested</dt>
          <dd data-testid="stat-suggested">{stats.suggested ?? '—'}</dd>
        </div>
        <div className="stat">
          <dt>Votes</dt>
          <dd>{stats.voteCount}</dd>
        </div>
      </dl>
      <Distribution stats={stats} votes={votes} />
      <Outliers stats={stats} />
    </section>
  );
}
