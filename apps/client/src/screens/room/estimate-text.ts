import { formatJiraDuration, MAX_ESTIMATE, parseJiraDuration, type Deck } from '@poker/shared';

export type EstimateInput = { ok: true; value: number } | { ok: false; message: string };

/** A saved or suggested estimate as the deck speaks: hours as "1d 4h" for a time deck. */
export function estimateText(deck: Deck, value: number): string {
  return deck.kind === 'time' ? formatJiraDuration(value) : String(value);
}

/**
 * What the owner typed, as the number sent to the server: hours for a time deck (Jira's
 * duration format, refused here when Jira would refuse it), else a plain number.
 */
export function parseEstimateInput(deck: Deck, text: string): EstimateInput {
  if (deck.kind === 'time') {
    const duration = parseJiraDuration(text);
    return duration.ok ? { ok: true, value: duration.hours } : duration;
  }
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_ESTIMATE) {
    return { ok: false, message: `Type a number from 0 to ${MAX_ESTIMATE.toLocaleString()}.` };
  }
  return { ok: true, value };
}
