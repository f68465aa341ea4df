import type { SettingsView } from '@poker/shared';
import { useEffect, useState } from 'react';
import { useHostSession } from '../../host/bridge-context';
import { getSettings } from '../../server-api/settings-api';

/** Used when our server cannot be asked: only the room's own and the issues' fields count. */
const NO_SETTINGS: SettingsView = { fieldId: null, projectFields: {} };

/**
 * The site's default field and the admins' per-project fields (`GET /api/settings`), read again
 * whenever `refreshKey` changes (the room's field or deck changed); a null key reads nothing.
 * Undefined while loading.
 */
export function useFieldSettings(refreshKey: string | null): SettingsView | undefined {
  const { bridge } = useHostSession();
  const [settings, setSettings] = useState<SettingsView | undefined>(undefined);

  useEffect(() => {
    if (refreshKey === null) return;
    let live = true;
    getSettings(bridge).then(
      (answer) => live && setSettings(answer),
      () => live && setSettings(NO_SETTINGS),
    );
    return () => {
      live = false;
    };
  }, [bridge, refreshKey]);

  return settings;
}
