import { deckCards, type Deck as DeckSpec } from '@poker/shared';
import { useEffect, useMemo } from 'react';

/** Typing in a field must never cast a vote. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Keys 1–9 pick the n-th card, 0 withdraws the vote. */
function useKeyboardVoting(cards: string[], onVote: (card: string | null) => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return;
      if (event.key === '0') {
        event.preventDefault();
        onVote(null);
        return;
      }
      const card = /^[1-9]$/.test(event.key) ? cards[Number(event.key) - 1] : undefined;
      if (card === undefined) return;
      event.preventDefault();
      onVote(card);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cards, onVote]);
}

const CARD_LABELS: Record<string, string> = { coffee: '☕', '?': '?' };

/** The room's deck as cards to pick; the chosen one is raised. */
export function Deck({
  deck,
  selected,
  onVote,
}: {
  deck: DeckSpec;
  selected: string | null;
  onVote: (card: string | null) => void;
}) {
  const cards = useMemo(() => deckCards(deck), [deck]);
  useKeyboardVoting(cards, onVote);
  return (
    <section className="deck" aria-label="Your card" data-testid="deck">
      <div className="deck__heading">
        <h2 className="section-title">Your card</h2>
        <span className="subtle deck__hint">
          Press <kbd>1</kbd>–<kbd>9</kbd> to pick, <kbd>0</kbd> to withdraw
        </span>
      </div>
      <div className="deck__cards" role="group" aria-label="Cards">
        {cards.map((card, index) => {
          const isSelected = card === selected;
          return (
            <button
              key={card}
              type="button"
              className={`poker-card${isSelected ? ' poker-card--selected' : ''}`}
              aria-pressed={isSelected}
              aria-label={card === 'coffee' ? 'Coffee break' : `Card ${card}`}
              aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
              data-card={card}
              onClick={() => onVote(isSelected ? null : card)}
            >
              <span className="poker-card__value">{CARD_LABELS[card] ?? card}</span>
              {index < 9 && <span className="poker-card__key">{index + 1}</span>}
            </button>
          );
        })}
      </div>
    </section>
  );
}
