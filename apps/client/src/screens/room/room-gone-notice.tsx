import { Button } from '../../components/button';
import type { RoomGone } from '../../socket/use-room';

const NOTICES: Record<RoomGone, { title: string; detail: string }> = {
  removed: {
    title: 'This room was removed',
    detail: 'Its owner removed it: the queue and every vote are deleted.',
  },
  'not-found': {
    title: 'This room no longer exists',
    detail: 'It may have been removed, or the link is wrong.',
  },
  kicked: {
    title: 'You were removed from this room',
    detail: 'A facilitator removed you; your card in the round was taken back. You can join again.',
  },
  blocked: {
    title: 'You cannot join this room',
    detail: 'A facilitator removed you and blocked you until the room is removed.',
  },
};

/** Why the room is not shown any more, and the way back to the room list. */
export function RoomGoneNotice({ gone, onBack }: { gone: RoomGone; onBack: () => void }) {
  const { title, detail } = NOTICES[gone];
  return (
    <section className="empty-state" data-testid="room-gone" data-reason={gone}>
      <h1 className="empty-state__title">{title}</h1>
      <p className="subtle">{detail}</p>
      <Button appearance="primary" onClick={onBack}>
        Back to rooms
      </Button>
    </section>
  );
}
