import type { AckError } from '@poker/shared';
import { useErrors } from './errors-context';

const TITLES: Record<AckError['code'], string> = {
  BAD_REQUEST: 'That did not work',
  UNAUTHENTICATED: 'Your session needs refreshing',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'That cannot be done right now',
  JIRA_ERROR: 'Jira refused',
  RATE_LIMITED: 'Slow down a little',
  INTERNAL: 'Something went wrong',
};

/**
 * ADS section message (error appearance) with the server's own words. The page's banner steps
 * aside while a modal is open, and the modal's own takes over.
 */
export function ErrorBanner({ inModal = false }: { inModal?: boolean }) {
  const { current, dismiss, modals } = useErrors();
  if (!current || (modals > 0 && !inModal)) return null;
  return (
    <div className="section-message section-message--error" role="alert" data-testid="error-banner">
      <span className="section-message__icon" aria-hidden="true">
        !
      </span>
      <div className="section-message__body">
        <h2 className="section-message__title">{TITLES[current.code]}</h2>
        <p>{current.message}</p>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
