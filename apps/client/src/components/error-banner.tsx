import { useErrors } from './errors-context';
import { errorTitle, readableError } from './error-text';

/**
 * ADS section message (error appearance) with the server's own words. The page's banner steps
 * aside while a modal is open, and the modal's own takes over. Actions in the room's sidebar
 * show their errors beside themselves instead (action-error.tsx).
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
        <h2 className="section-message__title">{errorTitle(current)}</h2>
        <p>{readableError(current)}</p>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
