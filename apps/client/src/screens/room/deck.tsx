import { deckCards, type Deck as DeckSpec } from '@poker/shared';
import { useId, useMemo } from 'react';
import { typedFormsOf } from '../../keyboard/card-typing';
import { useCardTyping, WITHDRAW_SHORTCUT } from '../../keyboard/use-card-typing';
import { useConnectionLive } from '../../socket/poker-context';
import { OfflineDeckNote } from './offline-vote-notices';

const CARD_LABELS: Record<string, string> = { coffee: '☕', '?': '?' };

/**
 * The key that types a card, for `aria-keyshortcuts`. ARIA has no way to say "1, then 3", so a
 * card typed with several keys (13, XL) names none; the deck's hint says how.
 */
function cardShortcut(card: string): string | undefined {
  const [form = card] = typedFormsOf(card);
  return [...form].length === 1 && form !== ' ' ? form.toUpperCase() : undefined;
}

/** A card's accessible name; a pending card's visible "Pending" is part of it. */
function cardName(card: string, pending: boolean): string {
  const name = card === 'coffee' ? 'Coffee break' : `Card ${card}`;
  return pending ? `${name} pending` : name;
}

/** The look of a card: raised when cast, dashed while pending (never counted yet). */
function cardLook(selected: boolean, pending: boolean): string {
  if (pending) return ' poker-card--pending';
  return selected ? ' poker-card--selected' : '';
}

/**
 * The room's deck as cards to pick; the chosen one is raised. Typing a card's value picks it.
 * While my connection is lost a pick is `pending`: marked so, never shown as cast.
 */
export function Deck({
  deck,
  selected,
  pending = false,
  onVote,
}: {
  deck: DeckSpec;
  selected: string | null;
  pending?: boolean;
  onVote: (card: string | null) => void;
}) {
  const cards = useMemo(() => deckCards(deck), [deck]);
  const typed = useCardTyping(cards, onVote);
  const live = useConnectionLive();
  const offlineNoteId = useId();
  return (
    <section className="deck" aria-label="Your card" data-testid="deck">
      <div className="deck__heading">
        <h2 className="section-title">Your card</h2>
        <span className="subtle deck__hint" data-testid="deck-hint">
          {typed ? (
            <>
              Typed <kbd data-testid="typed-card">{typed}</kbd>…
            </>
          ) : (
            <>
              Type a card’s value to pick it, <kbd>Backspace</kbd> to withdraw
            </>
          )}
        </span>
      </div>
      {!live && <OfflineDeckNote id={offlineNoteId} pending={pending} />}
      <div
        className="deck__cards"
        role="group"
        aria-label="Cards"
        aria-keyshortcuts={WITHDRAW_SHORTCUT}
      >
        {cards.map((card) => {
          const isSelected = card === selected;
          const isPending = isSelected && pending;
          const look = cardLook(isSelected, isPending);
          return (
            <button
              key={card}
              type="button"
              className={`poker-card${look}`}
              aria-pressed={isSelected}
              aria-describedby={isPending ? offlineNoteId : undefined}
              data-pending={isPending ? 'true' : undefined}
              aria-label={cardName(card, isPending)}
              aria-keyshortcuts={cardShortcut(card)}
              data-card={card}
              onClick={() => onVote(isSelected ? null : card)}
            >
              <span className="poker-card__value">{CARD_LABELS[card] ?? card}</span>
              {/* The space keeps "5 Pending" two words for the accessible-name check. */}
              {isPending && (
                <>
                  {' '}
                  <span className="poker-card__pending">Pending</span>
                </>
              )}
            </button>
          );
        })}
      </div>
    </section>
  );
}
