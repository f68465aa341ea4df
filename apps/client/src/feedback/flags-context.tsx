import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useHostSession } from '../host/bridge-context';
import '../styles/feedback.css';
import { flagClose, withoutToast, withToast, type Flag, type Toast } from './flag';
import { ToastStack } from './toast-stack';

interface Flags {
  /** Says an action's result: the host's flag, else (no flag in this host) an in-page toast. */
  show: (flag: Flag) => void;
}

const FlagsContext = createContext<Flags | null>(null);

/**
 * Where every action's result goes. The host shows it as Jira does (a flag in Jira's page,
 * outside our iframe); a host that shows none (an old all.js without AP.flag, a host page
 * that refuses the call) gets the app's own toast instead, so no result goes unsaid.
 */
export function FlagsProvider({ children }: { children: ReactNode }) {
  const { bridge } = useHostSession();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => withoutToast(list, id)), []);
  const show = useCallback(
    (flag: Flag) => {
      const toast = () => setToasts((list) => withToast(list, { ...flag, id: nextId.current++ }));
      bridge.showFlag({ ...flag, close: flagClose(flag) }).then(
        (shown) => shown || toast(),
        () => toast(),
      );
    },
    [bridge],
  );
  const value = useMemo(() => ({ show }), [show]);
  return (
    <FlagsContext.Provider value={value}>
      {children}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </FlagsContext.Provider>
  );
}

/** The app's flags; only inside FlagsProvider (app.tsx wraps every page in one). */
export function useFlags(): Flags {
  const flags = useContext(FlagsContext);
  if (!flags) throw new Error('useFlags outside FlagsProvider');
  return flags;
}
