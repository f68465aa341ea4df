import { Button } from '../../components/button';

/**
 * Beside the deck while my connection is lost: a picked card waits, marked pending, and is
 * not counted until the connection is back and the round is still open.
 */
export function OfflineDeckNote({ id, pending }: { id: string; pending: boolean }) {
  return (
    <p
      id={id}
      className="section-message section-message--warning deck__offline"
      role="status"
      data-testid="deck-offline"
      data-pending={pending ? 'true' : 'false'}
    >
      {pending
        ? 'Pending, not counted yet: you are offline. Your card is sent when the connection is back, if this round is still open.'
        : 'You are offline. A card you pick now waits as pending until the connection is back.'}
    </p>
  );
}

/** A pending card that was dropped after the reconnect, and why; announced at once. */
export function NotCountedNotice({
  message,
  onDismiss,
}: {
  message: string | null;
  onDismiss: () => void;
}) {
  if (!message) return null;
  return (
    <div
      className="section-message section-message--warning vote-not-counted"
      role="alert"
      data-testid="vote-not-counted"
    >
      <p>{message}</p>
      <Button appearance="subtle" compact onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}
