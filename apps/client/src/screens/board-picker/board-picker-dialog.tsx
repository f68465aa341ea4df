import { useCallback, useState } from 'react';
import { Button } from '../../components/button';
import { Modal } from '../../components/modal';
import { BoardPicker } from './board-picker';
import { MAX_PICKED, type PickedIssues } from './board-selection';

/** The queue's "From a board": picks issues and adds them to the room in one `issue:add`. */
export function BoardPickerDialog({
  alreadyQueued,
  onAdd,
  onClose,
}: {
  alreadyQueued: ReadonlySet<string>;
  /** Resolves true when the server took them (the dialog then closes). */
  onAdd: (picked: PickedIssues) => Promise<boolean>;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<PickedIssues>({ issueKeys: [] });
  const [busy, setBusy] = useState(false);
  const onPick = useCallback((next: PickedIssues) => setPicked(next), []);
  const count = picked.issueKeys.length;

  const add = async () => {
    setBusy(true);
    const added = await onAdd(picked);
    setBusy(false);
    if (added) onClose();
  };

  return (
    <Modal
      title="Add issues from a board"
      onClose={onClose}
      action={
        <Button
          appearance="primary"
          loading={busy}
          disabled={count === 0 || count > MAX_PICKED}
          onClick={() => void add()}
        >
          {count === 1 ? 'Add 1 issue' : `Add ${count} issues`}
        </Button>
      }
    >
      <BoardPicker alreadyQueued={alreadyQueued} onPick={onPick} />
    </Modal>
  );
}
