import type { AckError } from '@poker/shared';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * The one failed action the whole app shares: screens and socket hooks report into it, the
 * banner (error-banner.tsx) and modals read it. Kept apart from the banner so code that only
 * reports errors depends on this state, not on the banner's markup.
 */
interface Errors {
  current: AckError | null;
  report: (error: AckError) => void;
  dismiss: () => void;
  /** Open modals: while one is, the banner shows inside it (the page behind is inert). */
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

/** The shared error state; only inside ErrorsProvider (app.tsx wraps every page in one). */
export function useErrors(): Errors {
  const errors = useContext(ErrorsContext);
  if (!errors) throw new Error('useErrors outside ErrorsProvider');
  return errors;
}
