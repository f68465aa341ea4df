import { readinessOf, type Readiness } from '@poker/shared';
import type { HostBridge, HostRequest } from '../host/host-bridge';
import { LiveCache } from './live-cache';
import {
  projectFacts,
  readinessFacts,
  timeTrackingEnabled,
  type Ask,
  type ProjectFacts,
  type ReadinessQuestion,
} from './readiness-facts';

export type { ReadinessQuestion } from './readiness-facts';
import { RequestLimiter } from './request-limiter';

export type IssueReadiness =
  | { state: 'checking' }
  | { state: 'checked'; readiness: Readiness }
  /** Jira did not answer (down, rate-limited): nothing is known, nothing is claimed. */
  | { state: 'unknown'; message: string };

/** Requests to Jira at once, for all the issues of a room together. */
const CONCURRENCY = 4;

const questionKey = ({ issueKey, fieldId, timeDeck }: ReadinessQuestion) =>
  `${issueKey}|${fieldId ?? ''}|${timeDeck ? 'time' : 'points'}`;

/**
 * Readiness badges for the room owner: checks each issue live, as the person looking, and keeps
 * the answers in memory only (keyed by issue, field and deck, so a field change asks again).
 * `recheck()` asks everything anew, showing the previous answers until the new ones arrive.
 */
export class ReadinessChecker {
  private readonly answers = new LiveCache<IssueReadiness>();
  private readonly limiter = new RequestLimiter(CONCURRENCY);
  private asked = new Set<string>();
  private projects = new Map<string, Promise<ProjectFacts>>();
  private timeTracking: Promise<boolean | null> | null = null;
  /** Grows with every `recheck()`, so that hooks ask again. */
  generation = 0;

  constructor(private readonly bridge: HostBridge) {}

  readonly subscribe = this.answers.subscribe;
  readonly snapshot = this.answers.snapshot;

  /** Checks the questions not asked yet in this generation; answers arrive through the cache. */
  want(questions: readonly ReadinessQuestion[]): void {
    for (const question of questions) {
      const key = questionKey(question);
      if (this.asked.has(key)) continue;
      this.asked.add(key);
      if (!this.answers.has(key)) this.answers.set([[key, { state: 'checking' }]]);
      void this.check(question, key);
    }
  }

  answer(question: ReadinessQuestion): IssueReadiness | undefined {
    return this.answers.get(questionKey(question));
  }

  /** Forgets what Jira said (the room opened again, or someone fixed a setting). */
  recheck(): void {
    this.asked = new Set();
    this.projects = new Map();
    this.timeTracking = null;
    this.generation += 1;
    this.answers.set([]);
  }

  private readonly ask: Ask = <T>(url: string) =>
    this.limiter.run(() => this.bridge.request<T>({ url } satisfies HostRequest));

  private project(projectKey: string): Promise<ProjectFacts> {
    let facts = this.projects.get(projectKey);
    if (!facts) {
      facts = projectFacts(this.ask, projectKey);
      this.projects.set(projectKey, facts);
    }
    return facts;
  }

  private timeTrackingOn(): Promise<boolean | null> {
    this.timeTracking ??= timeTrackingEnabled(this.ask);
    return this.timeTracking;
  }

  private async check(question: ReadinessQuestion, key: string): Promise<void> {
    const generation = this.generation;
    let answer: IssueReadiness;
    try {
      const facts = await readinessFacts(
        this.ask,
        question,
        (projectKey) => this.project(projectKey),
        () => this.timeTrackingOn(),
      );
      answer = { state: 'checked', readiness: readinessOf(facts) };
    } catch (error) {
      // Not remembered as asked: the next render (or re-check) asks again.
      this.asked.delete(key);
      const why = error instanceof Error ? error.message : String(error);
      answer = { state: 'unknown', message: `Could not check with Jira: ${why}` };
    }
    // An answer from before a re-check must not overwrite the newer question's answer.
    if (generation === this.generation || !this.asked.has(key)) this.answers.set([[key, answer]]);
  }
}

const checkers = new WeakMap<HostBridge, ReadinessChecker>();

/** One checker per host bridge, shared by the queue's badges and the save panel. */
export function readinessCheckerFor(bridge: HostBridge): ReadinessChecker {
  let checker = checkers.get(bridge);
  if (!checker) {
    checker = new ReadinessChecker(bridge);
    checkers.set(bridge, checker);
  }
  return checker;
}
