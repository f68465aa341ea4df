import type { NextFunction, Request, Response } from 'express';
import { sendJiraError } from './jira-errors';

/** A planned misbehaviour for the next `times` calls whose path starts with `pathPrefix`. */
export interface Fault {
  /** Any method when absent. */
  method?: string;
  pathPrefix: string;
  /** The status to answer with; 0 only delays, then the call is served normally. */
  status: number;
  times: number;
  retryAfterSec?: number;
  delayMs?: number;
  /** Extra answer headers (e.g. `Cycle-Period`), also on a call served normally (status 0). */
  headers?: Record<string, string>;
  /** A raw answer body sent as JSON with `status` (a malformed answer), instead of an error. */
  rawBody?: string;
}

export interface FaultPlan {
  add(fault: Fault): void;
  clear(): void;
  /** Faults still pending, with their remaining counts. */
  readonly pending: readonly Fault[];
}

/** The plan as the middleware sees it: it also uses faults up. */
export interface FaultQueue extends FaultPlan {
  /** Uses up one occurrence of the first fault matching the call. */
  take(method: string, path: string): Fault | undefined;
}

export function createFaultPlan(): FaultQueue {
  const pending: Fault[] = [];
  return {
    pending,
    add(fault) {
      if (fault.times > 0) pending.push({ ...fault });
    },
    clear() {
      pending.length = 0;
    },
    take(method, path) {
      const index = pending.findIndex(
        (fault) =>
          path.startsWith(fault.pathPrefix) &&
          (!fault.method || fault.method.toUpperCase() === method.toUpperCase()),
      );
      if (index < 0) return undefined;
      const fault = pending[index];
      fault.times -= 1;
      if (fault.times <= 0) pending.splice(index, 1);
      return fault;
    },
  };
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'Service unavailable.',
  504: 'Gateway timeout.',
};

export function applyFaults(plan: FaultQueue) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    // A fault on `/rest/...` also hits the same call through a Forge apiBaseUrl.
    const fault = plan.take(req.method, req.path.replace(/^\/ex\/jira\/[^/]+/, ''));
    if (!fault) return next();
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
    if (!fault.status) return next();
    if (fault.rawBody !== undefined) {
      res.status(fault.status).type('application/json').send(fault.rawBody);
      return;
    }
    if (fault.retryAfterSec !== undefined)
      res.setHeader('Retry-After', String(fault.retryAfterSec));
    sendJiraError(res, fault.status, [FAULT_MESSAGES[fault.status] ?? 'Simulated failure.']);
  };
}
