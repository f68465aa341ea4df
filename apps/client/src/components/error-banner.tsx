import type { AckError } from '@poker/shared';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Errors {
  current: AckError | null;
  report: (error: AckError) => void;
  dismiss: () => void;
  /** Open modals: while one is, the banner shows inside it, above the blanket. */
  modals: number;
  modalOpened: () => () => void;
}

const ErrorsContext = createContext<Errors | null>(null);

/** Holds the latest failed action; the banner shows it until dismissed or replaced. */
export function ErrorsProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<AckError | null>(null);
  const report = useCallback((error: AckError) => setCurrent(error), []);
  const dismiss = useCallback(() => setCurrent(null), []);
  const [modals, setModals] = useState(0);
  const modalOpened = useCallback(() => {
    // An older error belongs to the page behind: the dialog starts clean.
    setCurrent(null);
    setModals((count) => count + 1);
    return () => setModals((count) => count - 1);
  }, []);
  const value = useMemo(
    () => ({ current, report, dismiss, modals, modalOpened }),
    [current, report, dismiss, modals, modalOpened],
  );
  return <ErrorsContext.Provider value={value}>{children}</ErrorsContext.Provider>;
}

export function useErrors(): Errors {
  const errors = useContext(ErrorsContext);
  if (!errors) throw new Error('useErrors outside ErrorsProvider');
  return errors;
}

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
