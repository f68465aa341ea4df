import type { AckError, ClientAckData, ClientEventName, ClientPayloadInputs } from '@poker/shared';
import { useCallback } from 'react';
import { useErrors } from '../components/errors-context';
import { usePoker } from './poker-context';

/** Where a failed action's error goes instead of the page's banner (beside its button). */
export interface ActionOptions {
  onError?: (error: AckError) => void;
}

/**
 * Sends a client event; a failed ack goes to the error banner (or to `onError`, for an action
 * that shows its error beside itself) and resolves to null, so a screen only handles success.
 */
export function useAction() {
  const { call } = usePoker();
  const { report } = useErrors();
  return useCallback(
    async <E extends ClientEventName>(
      event: E,
      payload: ClientPayloadInputs[E],
      options: ActionOptions = {},
    ): Promise<ClientAckData[E] | null> => {
      const ack = await call(event, payload);
      if (ack.ok) return ack.data;
      (options.onError ?? report)(ack.error);
      return null;
    },
    [call, report],
  );
}
