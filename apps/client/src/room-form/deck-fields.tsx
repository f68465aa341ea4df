import { DECK_KINDS, type DeckKind } from '@poker/shared';
import { describedBy, FieldError } from '../components/field-error';
import { DECK_NAMES, deckPreview } from './deck-names';

/**
 * The deck picker and, for a custom deck, its cards: one form part for the create dialog and
 * the room settings, so both say the same about cards and their numbers.
 */
export function DeckFields({
  id,
  deckKind,
  onDeckKind,
  cards,
  onCards,
  cardsError,
}: {
  /** Prefix of the fields' element IDs (the form's `useId`). */
  id: string;
  deckKind: DeckKind;
  onDeckKind: (kind: DeckKind) => void;
  /** The custom cards as typed (`S=1, M=3, L=5`). */
  cards: string;
  onCards: (text: string) => void;
  cardsError: string | null;
}) {
  return (
    <>
      <div className="form-field">
        <label htmlFor={`${id}-deck`}>Deck</label>
        <select
          id={`${id}-deck`}
          className="select"
          value={deckKind}
          onChange={(event) => onDeckKind(event.target.value as DeckKind)}
        >
          {DECK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {DECK_NAMES[kind]}
            </option>
          ))}
        </select>
        <p className="helper">{deckPreview(deckKind)}</p>
      </div>
      {deckKind === 'custom' && (
        <div className="form-field">
          <label htmlFor={`${id}-cards`}>Cards</label>
          <input
            id={`${id}-cards`}
            className="text-field"
            value={cards}
            onChange={(event) => onCards(event.target.value)}
            {...describedBy(`${id}-cards-error`, cardsError, `${id}-cards-help`)}
          />
          <FieldError id={`${id}-cards-error`} message={cardsError} />
          <p id={`${id}-cards-help`} className="helper">
            2 to 20 cards, separated by commas. Give a card a number with “=” (S=1, M=3, L=5) so
            averages work and the estimate can be saved.
          </p>
        </div>
      )}
    </>
  );
}
