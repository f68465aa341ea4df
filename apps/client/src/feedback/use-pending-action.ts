import type { AckError } from '@poker/shared';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ActionOptions } from '../socket/use-action';
import { failureFlag, type Flag } from './flag';
import { useFlags } from './flags-context';

/** What an action says when it is done. */
export interface ActionResult<T> {
  /** The flag of a success; null or absent when the screen itself shows the result. */
  success?: (data: T) => Flag | null;
  /**
   * What was tried, as the title of a failure's flag (type error). Absent: the error shows only
   * beside the action. An action with a success flag has one too, so both outcomes are said.
   */
  failure?: string;
}

/**
 * One group of buttons that wait on the server or Jira: which of them runs (its button shows a
 * spinner and `aria-busy`), no second start while one runs (a double click sends once), the
 * failure beside the buttons (ActionError) instead of the page's banner, and the result as a
 * flag. `work` gets the options that route its ack error here (`send(event, payload, options)`).
 */
export function usePendingAction<K extends string = string>() {
  const { show } = useFlags();
  const [pending, setPending] = useState<K | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async <T>(
      key: K,
      work: (options: ActionOptions) => Promise<T | null>,
      result: ActionResult<T> = {},
    ): Promise<T | null> => {
      if (running.current) return null;
      running.current = true;
      setPending(key);
      setError(null);
      const outcome: { error: AckError | null } = { error: null };
      let data: T | null = null;
      try {
        data = await work({ onError: (failure) => (outcome.error = failure) });
      } finally {
        running.current = false;
        setPending(null);
      }
      if (data !== null) {
        const flag = result.success?.(data);
        if (flag) show(flag);
      } else if (outcome.error) {
        setError(outcome.error);
        if (result.failure) show(failureFlag(result.failure, outcome.error));
      }
      return data;
    },
    [show],
  );
  const clear = useCallback(() => setError(null), []);

  return useMemo(
    () => ({ pending, busy: pending !== null, error, clear, run }),
    [pending, error, clear, run],
  );
}
