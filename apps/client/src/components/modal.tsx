import {
  useEffect,
  useId,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { Button } from './button';
import { ErrorBanner } from './error-banner';
import { useErrors } from './errors-context';

/** True when the click landed on the backdrop around the dialog, not on the dialog itself. */
function onBackdrop(event: MouseEvent<HTMLDialogElement>): boolean {
  if (event.target !== event.currentTarget) return false;
  const box = event.currentTarget.getBoundingClientRect();
  const inside =
    event.clientX >= box.left &&
    event.clientX <= box.right &&
    event.clientY >= box.top &&
    event.clientY <= box.bottom;
  return !inside;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control back to the first (and Shift+Tab the other way). showModal() keeps
 * focus out of this document's page, but the app runs in Jira's iframe, and Tab would otherwise
 * walk on into Jira's page around it.
 */
function wrapTab(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (control) => !control.matches(':disabled') && control.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * ADS modal dialog on the native `<dialog>` opened with showModal(): the browser keeps focus
 * inside it and makes the page behind inert; Escape and the backdrop close it, and focus goes
 * back to what opened it.
 */
export function Modal({
  title,
  appearance,
  children,
  action,
  onClose,
}: {
  title: string;
  appearance?: 'danger' | 'warning';
  children: ReactNode;
  /** The dialog's one action (its primary or danger button), shown after Cancel. */
  action: ReactNode;
  onClose: () => void;
}) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const { modalOpened } = useErrors();
  useEffect(() => modalOpened(), [modalOpened]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    // The marked element first (a form's first field, a destructive dialog's Cancel); else the
    // browser's choice, the first control.
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      // React removes the element rather than closing it, so focus is handed back here.
      if (element.open) element.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the parent unmounts the dialog; the browser must not close it on its own.
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => onBackdrop(event) && onClose()}
      onKeyDown={wrapTab}
    >
      <header className="modal__header">
        {appearance && (
          <span className={`modal__icon modal__icon--${appearance}`} aria-hidden="true">
            !
          </span>
        )}
        <h1 id={titleId} className="modal__title">
          {title}
        </h1>
      </header>
      <div className="modal__body">
        <ErrorBanner inModal />
        {children}
      </div>
      <footer className="modal__footer">
        {/* A danger dialog starts on Cancel, so a stray Enter destroys nothing. */}
        <Button
          appearance="subtle"
          onClick={onClose}
          data-autofocus={appearance === 'danger' ? '' : undefined}
        >
          Cancel
        </Button>
        {action}
      </footer>
    </dialog>
  );
}
