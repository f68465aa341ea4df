import type { RoomSummary } from '@poker/shared';
import { useEffect, useRef } from 'react';
import { useHostSession } from '../host/bridge-context';

/**
 * What the rooms have saved into the issue: changes when any of them saves a value, not when
 * a room without a save comes or goes (the issue in Jira did not change then).
 */
export function savedSignature(rooms: readonly RoomSummary[]): string {
  return rooms
    .filter((room) => room.issue?.savedAt)
    .map((room) => `${room.id}=${room.issue?.savedValue ?? ''}@${room.issue?.savedAt ?? ''}`)
    .sort()
    .join(',');
}

/**
 * Keeps Jira's issue view around the glance in step with our saves: when a room holding the
 * issue saves an estimate (here in the glance, or by someone else in the room's own page), the
 * room list pushes the change and the host is asked to show the issue's fields again, without
 * a reload (Connect `AP.jira.refreshIssuePage()`, Forge `view.refresh()`). The first answer is
 * what the issue view already shows; only later changes refresh it.
 */
export function useIssueViewRefresh(rooms: readonly RoomSummary[] | null): void {
  const { bridge } = useHostSession();
  const seen = useRef<string | null>(null);
  const signature = rooms === null ? null : savedSignature(rooms);
  useEffect(() => {
    if (signature === null) return;
    const before = seen.current;
    seen.current = signature;
    if (before !== null && before !== signature) void bridge.refreshIssueView?.();
  }, [bridge, signature]);
}
