import type { AckError } from '@poker/shared';
import { useMemo, useState } from 'react';
import { errorTitle, readableError } from './error-text';

/**
 * The error of one action, kept beside that action (a sidebar form) instead of the page's
 * banner, which would push the whole page down. Pass `options` to `send`.
 */
export function useActionError() {
  const [error, setError] = useState<AckError | null>(null);
  return useMemo(
    () => ({ error, clear: () => setError(null), options: { onError: setError } }),
    [error],
  );
}

/** ADS inline error message under the action it belongs to, with a dismiss button. */
export function ActionError({
  error,
  onDismiss,
}: {
  error: AckError | null;
  onDismiss: () => void;
}) {
  if (!error) return null;
  return (
    <div className="action-error" role="alert" data-testid="action-error">
      <span className="action-error__icon" aria-hidden="true">
        !
      </span>
      <p className="action-error__text">
        <strong>{errorTitle(error)}:</strong> {readableError(error)}
      </p>
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label="Dismiss"
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}
