/** ADS field error: the message under the field it belongs to (the field's aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" data-testid="field-error">
      <span className="field-error__icon" aria-hidden="true">
        !
      </span>
      {message}
    </p>
  );
}

/** The props that tie a field to its error: aria-invalid and aria-describedby. */
export function describedBy(
  errorId: string,
  message: string | null,
  helperId?: string,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = [message ? errorId : null, helperId].filter(Boolean).join(' ');
  return { ...(message && { 'aria-invalid': true }), ...(ids && { 'aria-describedby': ids }) };
}
