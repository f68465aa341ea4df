import { useEffect } from 'react';
import { AUTO_CLOSE_MS, flagClose, type Toast } from './flag';

const ICONS: Record<Toast['type'], string> = { success: '✓', info: 'i', warning: '!', error: '!' };

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const auto = flagClose(toast) === 'auto';
  useEffect(() => {
    if (!auto) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), AUTO_CLOSE_MS);
    return () => window.clearTimeout(timer);
  }, [auto, onDismiss, toast.id]);
  return (
    <div className={`toast toast--${toast.type}`} data-testid="toast" data-flag-type={toast.type}>
      <span className="toast__icon" aria-hidden="true">
        {ICONS[toast.type]}
      </span>
      <div className="toast__body">
        <p className="toast__title">{toast.title}</p>
        {toast.description && <p className="toast__description">{toast.description}</p>}
      </div>
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label={`Dismiss: ${toast.title}`}
        onClick={() => onDismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

/**
 * The in-page stand-in for Jira's flag group, bottom left as Jira's, over the page (it moves
 * nothing). One polite live region (role status) holds every toast, present from the start:
 * a region that appears with its text is often not read, and nested regions are read twice.
 * An error is said beside its action too (ActionError, role alert), so polite is enough here.
 */
export function ToastStack({
  toasts,
  onDismiss,
}: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
}) {
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
