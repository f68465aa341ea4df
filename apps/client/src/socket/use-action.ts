import type { ClientAckData, ClientEventName, ClientPayloadInputs } from '@poker/shared';
import { useCallback } from 'react';
import { useErrors } from '../components/errors-context';
import { usePoker } from './poker-context';

/**
 * Sends a client event; a failed ack goes to the error banner and resolves to null, so a
 * screen only handles success.
 */
export function useAction() {
  const { call } = usePoker();
  const { report } = useErrors();
  return useCallback(
    async <E extends ClientEventName>(
      event: E,
      payload: ClientPayloadInputs[E],
    ): Promise<ClientAckData[E] | null> => {
      const ack = await call(event, payload);
      if (ack.ok) return ack.data;
      report(ack.error);
      return null;
    },
    [call, report],
  );
}
