import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';
import { ErrorBanner } from './error-banner';
import { useErrors } from './errors-context';

/** ADS modal dialog over a blanket; Escape and the blanket close it. */
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
  const dialog = useRef<HTMLDivElement>(null);
  const { modalOpened } = useErrors();
  useEffect(() => modalOpened(), [modalOpened]);

  // The latest onClose, so focus is set once on open and not again on every render.
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // The marked element first (a form's first field, a destructive dialog's Cancel), else the
    // first control.
    const first = (selector: string) => dialog.current?.querySelector<HTMLElement>(selector);
    (first('[data-autofocus]') ?? first('button, input, select'))?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);

  return (
    <div
      className="blanket"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div ref={dialog} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId}>
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
      </div>
    </div>
  );
}
