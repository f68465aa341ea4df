import { useUsers } from '../jira/jira-context';
import { Avatar, type Presence } from './avatar';

/** A person as Jira shows them: avatar and display name, looked up live by account ID. */
export function Person({
  accountId,
  size = 'small',
  presence,
  showName = true,
}: {
  accountId: string;
  size?: 'small' | 'medium' | 'large';
  presence?: Presence;
  showName?: boolean;
}) {
  const user = useUsers([accountId])(accountId);
  const name = user === undefined ? null : (user?.displayName ?? 'Unknown user');
  return (
    <span className="person" title={name ?? undefined}>
      <Avatar name={name} url={user?.avatarUrl ?? null} size={size} presence={presence} />
      {showName &&
        (name === null ? (
          <span className="skeleton skeleton--text" role="img" aria-label="Loading name" />
        ) : (
          <span className="person__name">{name}</span>
        ))}
    </span>
  );
}

/** Only the display name (for sentences), or a neutral word while it loads. */
export function PersonName({ accountId }: { accountId: string }) {
  const user = useUsers([accountId])(accountId);
  if (user === undefined) return <span className="subtle">…</span>;
  return <strong>{user?.displayName ?? 'Unknown user'}</strong>;
}

/** The display name as plain text (a flag's title), or a neutral word while it loads. */
export function useDisplayName(accountId: string): string {
  const user = useUsers([accountId])(accountId);
  return user?.displayName ?? 'the person';
}
