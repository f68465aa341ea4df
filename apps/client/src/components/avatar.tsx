import { useState } from 'react';

export type Presence = 'online' | 'offline' | 'unknown';

const PRESENCE_TEXT: Record<Presence, string> = {
  online: 'Online',
  offline: 'Offline',
  unknown: 'Presence unknown: you are offline',
};

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** ADS avatar: round, from Jira's avatar URL, with initials while it loads or if it fails. */
export function Avatar({
  name,
  url,
  size = 'medium',
  presence,
}: {
  name: string | null;
  url: string | null;
  size?: 'small' | 'medium' | 'large';
  /** Online dot in the corner, as Jira shows presence; unknown while my connection is lost. */
  presence?: Presence;
}) {
  const [failed, setFailed] = useState(false);
  return (
    <span className={`avatar avatar--${size}`}>
      {url && !failed ? (
        <img src={url} alt="" onError={() => setFailed(true)} />
      ) : (
        <span className="avatar__initials" aria-hidden="true">
          {name ? initials(name) : ''}
        </span>
      )}
      {presence && (
        <span
          className={`avatar__presence avatar__presence--${presence}`}
          role="img"
          aria-label={PRESENCE_TEXT[presence]}
          data-presence={presence}
        />
      )}
    </span>
  );
}
