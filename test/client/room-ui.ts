// What a person does in the app's rooms list: the same steps on the Connect and the Forge host
// page, so both browser suites share them.
import type { Window } from './browser-driver';

/**
 * Opens "Create room", fills in the name and the issues (keys or JQL) and submits. It does not
 * wait for the room: a refused create shows an error instead, which some tests expect.
 */
export async function submitCreateRoom(
  window: Window,
  name: string,
  issues: string,
): Promise<void> {
  await window.app.getByRole('button', { name: 'Create room' }).first().click();
  const dialog = window.app.getByRole('dialog', { name: 'Create room' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Issues').fill(issues);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
}

/** Joins a room of the list as a voter (`Join`) or an observer, and waits for the room. */
export async function joinFromList(
  window: Window,
  roomName: string,
  as: 'Join' | 'Observe' = 'Join',
): Promise<void> {
  const row = window.app.getByTestId('room-row').filter({ hasText: roomName });
  await row.getByRole('button', { name: as, exact: true }).click();
  await window.app.getByTestId('room').waitFor();
}
