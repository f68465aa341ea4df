import { Router } from 'express';
import type { SimState } from '../sim-state';

const COLOURS = ['#0052CC', '#00875A', '#FF5630', '#6554C0', '#FF991F', '#00B8D9'];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** A round SVG avatar with the person's initials, so the demo looks like Jira without images. */
export function avatarsRouter(state: SimState): Router {
  const router = Router();
  router.get('/_sim/avatars/:file', (req, res) => {
    const accountId = req.params.file.replace(/\.svg$/, '');
    const user = state.users.get(accountId);
    const label = user && !state.closedAccounts.has(accountId) ? initials(user.displayName) : '?';
    const hash = [...accountId].reduce((sum, char) => sum + char.charCodeAt(0), 0);
    const colour = user ? COLOURS[hash % COLOURS.length] : '#97A0AF';
    res
      .type('image/svg+xml')
      .send(
        `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">` +
          `<circle cx="24" cy="24" r="24" fill="${colour}"/>` +
          `<text x="24" y="30" font-family="sans-serif" font-size="18" fill="#fff" text-anchor="middle">${label}</text>` +
          `</svg>`,
      );
  });
  return router;
}
