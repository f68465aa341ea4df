import { Router } from 'express';
import type { InstallKeyPair } from '../install-keys';

/** Stands in for https://connect-install-keys.atlassian.com: the public key PEM by kid. */
export function installKeysRouter(keys: InstallKeyPair): Router {
  const router = Router();
  router.get('/install-keys/:kid', (req, res) => {
    if (req.params.kid !== keys.kid) return res.status(404).type('text/plain').send('Not found');
    res.type('text/plain').send(keys.publicKeyPem);
  });
  return router;
}
