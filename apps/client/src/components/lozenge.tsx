import type { ReactNode } from 'react';

export type LozengeAppearance = 'default' | 'success' | 'removed' | 'inprogress' | 'new' | 'moved';

/** ADS lozenge: a short uppercase status label. */
export function Lozenge({
  appearance = 'default',
  bold = false,
  children,
}: {
  appearance?: LozengeAppearance;
  bold?: boolean;
  children: ReactNode;
}) {
  const classes = `lozenge lozenge--${appearance}${bold ? ' lozenge--bold' : ''}`;
  return <span className={classes}>{children}</span>;
}
