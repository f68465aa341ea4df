import type { ComponentProps } from 'react';
import { Button } from '../components/button';
import { shortcutLabel } from './shortcuts';
import { useShortcut } from './use-shortcut';

type ShortcutButtonProps = Omit<ComponentProps<typeof Button>, 'onClick'> & {
  /** As `aria-keyshortcuts` writes it: "Shift+R". */
  shortcut: string;
  onClick: () => void;
};

/**
 * A button with a keyboard shortcut: the key is shown on the button, announced through
 * `aria-keyshortcuts`, and presses the button while it is enabled.
 */
export function ShortcutButton({ shortcut, onClick, children, ...button }: ShortcutButtonProps) {
  useShortcut(shortcut, onClick, !button.disabled && !button.loading);
  return (
    <Button {...button} aria-keyshortcuts={shortcut} onClick={() => onClick()}>
      {children}
      <kbd className="button__shortcut" aria-hidden="true">
        {shortcutLabel(shortcut)}
      </kbd>
    </Button>
  );
}
