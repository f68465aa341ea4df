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
          const look = isPending
            ? ' poker-card--pending'
            : isSelected
              ? ' poker-card--selected'
              : '';
          return (
            <button
              key={card}
              type="button"
              className={`poker-card${look}`}
              aria-pressed={isSelected}
              aria-describedby={isPending ? offlineNoteId : undefined}
              data-pending={isPending ? 'true' : undefined}
              aria-label={card === 'coffee' ? 'Coffee break' : `Card ${card}`}
              aria-keyshortcuts={cardShortcut(card)}
              data-card={card}
              onClick={() => onVote(isSelected ? null : card)}
            >
              <span className="poker-card__value">{CARD_LABELS[card] ?? card}</span>
              {isPending && <span className="poker-card__pending">Pending</span>}
            </button>
          );
        })}
      </div>
    </section>
  );
}
