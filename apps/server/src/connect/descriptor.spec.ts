import { CONNECT_APP_KEY, CONNECT_ROOMS_PAGE_KEY } from '@poker/shared';
import type { AppConfig } from '../config/app-config';
import { APP_KEY, buildDescriptor } from './descriptor';

describe('the Connect descriptor', () => {
  it('has the app key and rooms page that room links name', () => {
    const descriptor = buildDescriptor({ appBaseUrl: 'https://poker.example' } as AppConfig);
    expect(APP_KEY).toBe(CONNECT_APP_KEY);
    expect(descriptor.key).toBe(CONNECT_APP_KEY);
    const modules = descriptor.modules as { generalPages: { key: string; url: string }[] };
    expect(modules.generalPages).toContainEqual(
      expect.objectContaining({ key: CONNECT_ROOMS_PAGE_KEY, url: '/app/rooms' }),
    );
  });
});
