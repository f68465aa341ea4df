import { SUGGEST_RULES, type DeckKind, type RoomSnapshot, type SuggestRule } from '@poker/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { readableError } from '../../components/error-text';
import { describedBy, FieldError } from '../../components/field-error';
import { Modal } from '../../components/modal';
import { Toggle } from '../../components/toggle';
import { DeckFields } from '../../room-form/deck-fields';
import { SUGGEST_RULE_NAMES } from '../../room-form/deck-names';
import { EstimateFieldSelect } from '../../room-form/estimate-field-select';
import { checkCustomCards, checkRoomName, customCardsText } from '../../room-form/room-form-rules';
import {
  cardsDroppedByDeckChange,
  checkTimerSeconds,
  settingsChanges,
} from '../../room-form/room-settings-rules';
import type { SendRoomEvent } from './room-actions';

interface Problems {
  name?: string;
  cards?: string;
  timer?: string;
}

/**
 * The room's settings: name, deck (custom cards with values), estimate field, auto-reveal,
 * auto-advance, anonymous reveal, the suggested-value rule and the timer length. Facilitators
 * change them (only what changed is sent); everyone else sees them read-only.
 */
export function RoomSettingsDialog({
  room,
  canEdit,
  send,
  onClose,
}: {
  room: RoomSnapshot;
  canEdit: boolean;
  send: SendRoomEvent;
  onClose: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(room.name);
  const [deckKind, setDeckKind] = useState<DeckKind>(room.deck.kind);
  const [cards, setCards] = useState(
    room.deck.kind === 'custom' ? customCardsText(room.deck) : 'S=1, M=3, L=5, ?',
  );
  const [fieldId, setFieldId] = useState(room.fieldId ?? '');
  const [autoReveal, setAutoReveal] = useState(room.autoReveal);
  const [autoAdvance, setAutoAdvance] = useState(room.autoAdvance);
  const [anonymousReveal, setAnonymousReveal] = useState(room.anonymousReveal ?? false);
  const [suggestRule, setSuggestRule] = useState<SuggestRule>(room.suggestRule ?? 'mode');
  const [timer, setTimer] = useState(String(room.timerSeconds ?? 60));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const check = () => {
    const checkedName = checkRoomName(name);
    const checkedDeck = deckKind === 'custom' ? checkCustomCards(cards) : null;
    const checkedTimer = checkTimerSeconds(timer);
    const found: Problems = {
      ...(!checkedName.ok && { name: checkedName.message }),
      ...(checkedDeck?.ok === false && { cards: checkedDeck.message }),
      ...(!checkedTimer.ok && { timer: checkedTimer.message }),
    };
    const deck =
      checkedDeck?.ok === true
        ? checkedDeck.value
        : deckKind === room.deck.kind && deckKind !== 'custom'
          ? room.deck
          : { kind: deckKind };
    const changes = settingsChanges(room, {
      name: checkedName.ok ? checkedName.value : name,
      deck,
      fieldId: deckKind === 'time' ? room.fieldId : fieldId || null,
      autoReveal,
      autoAdvance,
      anonymousReveal,
      suggestRule,
      timerSeconds: checkedTimer.ok ? checkedTimer.value : (room.timerSeconds ?? 60),
    });
    return { found, changes };
  };
  const { found, changes } = check();
  const problems: Problems = tried ? found : {};
  const dropped = changes.deck ? cardsDroppedByDeckChange(room) : 0;
  const queueKeys = room.issues.map((issue) => issue.issueKey);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const first = (['name', 'cards', 'timer'] as const).find((field) => found[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setFailed(null);
    const done = await send(
      'room:update',
      { roomId: room.id, ...changes },
      {
        onError: (error) => setFailed(readableError(error)),
      },
    );
    setBusy(false);
    if (done) onClose();
  };

  const readOnly = !canEdit;
  return (
    <Modal
      title="Room settings"
      onClose={onClose}
      action={
        readOnly ? null : (
          <Button
            type="submit"
            form={`${id}-form`}
            appearance={dropped > 0 ? 'warning' : 'primary'}
            loading={busy}
            data-testid="settings-save"
          >
            {dropped > 0 ? 'Change deck and drop the cards' : 'Save settings'}
          </Button>
        )
      }
    >
      <form
        id={`${id}-form`}
        className="form room-settings"
        data-testid="room-settings"
        onSubmit={(event) => void save(event)}
      >
        {readOnly && (
          <p className="section-message section-message--info" data-testid="settings-read-only">
            Only the room’s owner or a co-facilitator can change these settings.
          </p>
        )}
        <fieldset className="room-settings__group" disabled={readOnly}>
          <div className="form-field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              className="text-field"
              value={name}
              data-autofocus
              onChange={(event) => setName(event.target.value)}
              {...describedBy(`${id}-name-error`, problems.name ?? null)}
            />
            <FieldError id={`${id}-name-error`} message={problems.name ?? null} />
          </div>
          <DeckFields
            id={id}
            deckKind={deckKind}
            onDeckKind={setDeckKind}
            cards={cards}
            onCards={setCards}
            cardsError={problems.cards ?? null}
          />
          {dropped > 0 && (
            <div className="section-message section-message--warning" data-testid="deck-warning">
              <p>
                A round is open: changing the deck now drops the {dropped}{' '}
                {dropped === 1 ? 'card' : 'cards'} already played, and everyone votes again with the
                new cards. Between rounds (after the reveal) nothing is lost.
              </p>
            </div>
          )}
          {deckKind === 'time' ? (
            <p className="helper">A time deck saves into each issue’s Original Estimate.</p>
          ) : (
            <div className="form-field">
              <label htmlFor={`${id}-field`}>Estimate field</label>
              <EstimateFieldSelect
                id={`${id}-field`}
                value={fieldId}
                issueKeys={queueKeys}
                disabled={readOnly}
                emptyLabel="Project or site default"
                onChange={setFieldId}
              />
            </div>
          )}
          <div className="form-field">
            <label htmlFor={`${id}-rule`}>Suggested value</label>
            <select
              id={`${id}-rule`}
              className="select"
              value={suggestRule}
              onChange={(event) => setSuggestRule(event.target.value as SuggestRule)}
              aria-describedby={`${id}-rule-help`}
            >
              {SUGGEST_RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {SUGGEST_RULE_NAMES[rule]}
                </option>
              ))}
            </select>
            <p id={`${id}-rule-help`} className="helper">
              A consensus is always suggested first. Cards without a number (?, ☕) never count.
            </p>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-timer`}>Timer length (seconds)</label>
            <input
              id={`${id}-timer`}
              className="text-field room-settings__timer"
              inputMode="numeric"
              value={timer}
              onChange={(event) => setTimer(event.target.value)}
              {...describedBy(`${id}-timer-error`, problems.timer ?? null)}
            />
            <FieldError id={`${id}-timer-error`} message={problems.timer ?? null} />
          </div>
          <Toggle
            label="Reveal when everyone has voted"
            checked={autoReveal}
            disabled={readOnly}
            onChange={setAutoReveal}
          />
          <Toggle
            label="Go to the next issue after saving"
            checked={autoAdvance}
            disabled={readOnly}
            onChange={setAutoAdvance}
          />
          <Toggle
            label="Anonymous reveal: who voted what stays hidden"
            checked={anonymousReveal}
            disabled={readOnly}
            onChange={setAnonymousReveal}
          />
          {(room.anonymousReveal ?? false) && !anonymousReveal && (
            <p className="helper" data-testid="anonymity-off-note">
              Rounds already played stay anonymous; names show from the next round on.
            </p>
          )}
        </fieldset>
        {failed && (
          <p className="field-error" role="alert" data-testid="settings-error">
            {failed}
          </p>
        )}
      </form>
    </Modal>
  );
}
