import type { AckError } from '@poker/shared';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Errors {
  current: AckError | null;
  report(error: AckError): void;
  dismiss(): void;
}

const ErrorsContext = createContext<Errors | null>(null);

/** Holds the latest failed action; the banner shows it until dismissed or replaced. */
export function ErrorsProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<AckError | null>(null);
  const report = useCallback((error: AckError) => setCurrent(error), []);
  const dismiss = useCallback(() => setCurrent(null), []);
  const value = useMemo(() => ({ current, report, dismiss }), [current, report, dismiss]);
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

/** ADS section message (error appearance) with the server's own words. */
export function ErrorBanner() {
  const { current, dismiss } = useErrors();
  if (!current) return null;
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
