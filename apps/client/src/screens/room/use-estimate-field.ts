import { useEffect, useState } from 'react';
import { useHostSession } from '../../host/bridge-context';
import { useJira } from '../../jira/jira-context';
import { getSettings } from '../../server-api/settings-api';

export type EstimateField =
  { state: 'loading' } | { state: 'none' } | { state: 'chosen'; id: string; name: string | null };

/**
 * The field a save writes into: the room's own, else the site default from our server; its
 * name comes from Jira in the browser.
 */
export function useEstimateField(roomFieldId: string | null): EstimateField {
  const { bridge } = useHostSession();
  const { fields } = useJira();
  const [field, setField] = useState<EstimateField>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    const resolve = async (): Promise<EstimateField> => {
      const id = roomFieldId ?? (await getSettings(bridge)).fieldId;
      if (!id) return { state: 'none' };
      const name = await fields
        .numberFields()
        .then((list) => list.find((entry) => entry.id === id)?.name ?? null)
        .catch(() => null);
      return { state: 'chosen', id, name };
    };
    resolve().then(
      (result) => live && setField(result),
      () => live && setField({ state: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [bridge, fields, roomFieldId]);

  return field;
}
