/**
 * A polite live region: screen readers read its text each time it changes, once, without
 * moving focus. Present from the start (a region that appears with its text is often not read).
 */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-announcer">
      {message}
    </div>
  );
}
