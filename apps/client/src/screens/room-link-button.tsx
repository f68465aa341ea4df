import { useState } from 'react';
import { Button } from '../components/button';
import { useHostSession } from '../host/bridge-context';

type LinkState = 'idle' | 'copied' | 'shown' | 'none';

const STATUS: Record<LinkState, string> = {
  idle: '',
  copied: 'Link copied',
  shown: 'Copy the link above',
  none: 'This page has no link to share',
};

/**
 * "Copy link": the room's deep link (Connect `ac.roomId`, the Forge route, the demo page) to
 * paste into the call. A frame that may not write to the clipboard shows the link to copy.
 */
export function RoomLinkButton({ roomId }: { roomId: string }) {
  const { bridge } = useHostSession();
  const [link, setLink] = useState<string | null>(null);
  const [state, setState] = useState<LinkState>('idle');

  const copy = async () => {
    const url = await bridge.roomLink(roomId).catch(() => null);
    setLink(url);
    if (!url) return setState('none');
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('shown');
    }
  };

  return (
    <span className="room-link">
      <Button appearance="subtle" onClick={() => void copy()}>
        Copy link
      </Button>
      {link && (
        <input
          readOnly
          className="text-field room-link__url"
          data-testid="room-link"
          aria-label="Link to this room"
          value={link}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
      <span className="subtle" role="status">
        {STATUS[state]}
      </span>
    </span>
  );
}
