import { roomCreateSchema, type DeckKind } from '@poker/shared';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { Button } from '../components/button';
import { describedBy, FieldError } from '../components/field-error';
import { Modal } from '../components/modal';
import { Toggle } from '../components/toggle';
import { DeckFields } from '../room-form/deck-fields';
import { EstimateFieldSelect } from '../room-form/estimate-field-select';
import { checkCustomCards, checkIssueInput, checkRoomName } from '../room-form/room-form-rules';
import { useAction } from '../socket/use-action';
import { BoardPicker } from './board-picker/board-picker';
import type { PickedIssues } from './board-picker/board-selection';

/** What is wrong with each field, in people's words; `form` is anything else. */
interface FormProblems {
  name?: string;
  cards?: string;
  issues?: string;
  form?: string;
}

/** Where the new room's issues come from. */
type IssueSource = 'keys' | 'board';

const NOTHING_QUEUED: ReadonlySet<string> = new Set();

/** "Keys or JQL" or "From a board", as two radio buttons. */
function IssueSourceChoice({
  source,
  onChange,
}: {
  source: IssueSource;
  onChange: (source: IssueSource) => void;
}) {
  const name = useId();
  const option = (value: IssueSource, label: string) => (
    <label className="source-choice__option">
      <input
        type="radio"
        name={name}
        value={value}
        checked={source === value}
        onChange={() => onChange(value)}
      />
      {label}
    </label>
  );
  return (
    <fieldset className="source-choice">
      <legend>Pick from</legend>
      {option('keys', 'Keys or JQL')}
      {option('board', 'A board')}
    </fieldset>
  );
}

/**
 * Name, deck, issues (keys, JQL or picked from a board), field and auto-reveal; the creator
 * owns and joins it.
 */
export function CreateRoomDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (roomId: string) => void;
}) {
  const id = useId();
  const act = useAction();
  const [name, setName] = useState('');
  const [deck, setDeck] = useState<DeckKind>('fibonacci');
  const [customCards, setCustomCards] = useState('1, 2, 3, 5, 8, ?');
  const [issues, setIssues] = useState('');
  const [source, setSource] = useState<IssueSource>('keys');
  const [picked, setPicked] = useState<PickedIssues>({ issueKeys: [] });
  const onPick = useCallback((next: PickedIssues) => setPicked(next), []);
  const [fieldId, setFieldId] = useState('');
  const [autoReveal, setAutoReveal] = useState(false);
  const [anonymousReveal, setAnonymousReveal] = useState(false);
  // After the first try, the fields are checked as they change, so a fix clears its message.
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  // The shared rules, checked here first; each problem shows under its own field.
  const check = () => {
    const checkedName = checkRoomName(name);
    const checkedDeck = deck === 'custom' ? checkCustomCards(customCards) : null;
    const checkedIssues = source === 'keys' ? checkIssueInput(issues) : null;
    const found: FormProblems = {
      ...(!checkedName.ok && { name: checkedName.message }),
      ...(checkedDeck?.ok === false && { cards: checkedDeck.message }),
      ...(checkedIssues?.ok === false && { issues: checkedIssues.message }),
    };
    const payload = {
      name,
      deck: checkedDeck?.ok ? checkedDeck.value : { kind: deck },
      // From a board: keys and the board's estimation field ID only, never names or summaries.
      ...(source === 'board' ? picked : checkedIssues?.ok ? checkedIssues.value : {}),
      ...(fieldId && { fieldId }),
      autoReveal,
      ...(anonymousReveal && { anonymousReveal }),
    };
    if (Object.keys(found).length === 0 && !roomCreateSchema.safeParse(payload).success) {
      found.form = 'The room cannot be made from this form. Check the fields and try again.';
    }
    return { found, payload };
  };
  const problems: FormProblems = tried ? check().found : {};
  // The issues chosen so far, whose projects' edit screens the field picker checks.
  const typedKeys = checkIssueInput(issues);
  const chosenKeys =
    source === 'board'
      ? picked.issueKeys
      : typedKeys.ok && 'issueKeys' in typedKeys.value
        ? (typedKeys.value.issueKeys ?? [])
        : [];

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const { found, payload } = check();
    const first = (['name', 'cards', 'issues'] as const).find((field) => found[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    if (found.form) return;
    setBusy(true);
    const created = await act('room:create', payload);
    setBusy(false);
    if (created) onCreated(created.room.id);
  };

  return (
    <Modal
      title="Create room"
      onClose={onClose}
      action={
        <Button type="submit" form={`${id}-form`} appearance="primary" loading={busy}>
          Create
        </Button>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={(event) => void create(event)}>
        <div className="form-field">
          <label htmlFor={`${id}-name`}>
            Name <span className="required">*</span>
          </label>
          <input
            id={`${id}-name`}
            className="text-field"
            value={name}
            aria-required="true"
            placeholder="Sprint 12 refinement"
            onChange={(event) => setName(event.target.value)}
            data-autofocus
            {...describedBy(`${id}-name-error`, problems.name ?? null)}
          />
          <FieldError id={`${id}-name-error`} message={problems.name ?? null} />
        </div>
        <DeckFields
          id={id}
          deckKind={deck}
          onDeckKind={setDeck}
          cards={customCards}
          onCards={setCustomCards}
          cardsError={problems.cards ?? null}
        />
        <IssueSourceChoice source={source} onChange={setSource} />
        {source === 'keys' ? (
          <div className="form-field">
            <label htmlFor={`${id}-issues`}>Issues</label>
            <input
              id={`${id}-issues`}
              className="text-field"
              value={issues}
              placeholder="PROJ-1, PROJ-2 or project = PROJ ORDER BY key"
              onChange={(event) => setIssues(event.target.value)}
              {...describedBy(`${id}-issues-error`, problems.issues ?? null, `${id}-issues-helper`)}
            />
            <FieldError id={`${id}-issues-error`} message={problems.issues ?? null} />
            <p id={`${id}-issues-helper`} className="helper">
              Issue keys, or a JQL query. You can add more later.
            </p>
          </div>
        ) : (
          <BoardPicker alreadyQueued={NOTHING_QUEUED} onPick={onPick} />
        )}
        {deck === 'time' ? (
          <p className="helper">A time deck saves into each issue’s Original Estimate.</p>
        ) : (
          <div className="form-field">
            <label htmlFor={`${id}-field`}>Estimate field</label>
            <EstimateFieldSelect
              id={`${id}-field`}
              value={fieldId}
              issueKeys={chosenKeys}
              onChange={setFieldId}
            />
          </div>
        )}
        <Toggle
          label="Reveal when everyone has voted"
          checked={autoReveal}
          onChange={setAutoReveal}
        />
        <Toggle
          label="Anonymous reveal: who voted what stays hidden"
          checked={anonymousReveal}
          onChange={setAnonymousReveal}
        />
        {problems.form && (
          <p className="field-error" role="alert">
            {problems.form}
          </p>
        )}
      </form>
    </Modal>
  );
}
