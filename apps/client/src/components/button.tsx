import type { ButtonHTMLAttributes } from 'react';

export type ButtonAppearance = 'default' | 'primary' | 'subtle' | 'danger' | 'warning' | 'link';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  appearance?: ButtonAppearance;
  /** Shows a spinner and blocks clicks while an action runs. */
  loading?: boolean;
  compact?: boolean;
}

/** ADS button: 32px high (24px compact), medium weight, 3px radius. */
export function Button({
  appearance = 'default',
  loading = false,
  compact = false,
  className,
  disabled,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = ['button', `button--${appearance}`, compact && 'button--compact', className]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
    >
      {loading && <span className="spinner spinner--small" aria-hidden="true" />}
      <span className="button__label">{children}</span>
    </button>
  );
}
