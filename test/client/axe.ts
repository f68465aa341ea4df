import { readFileSync } from 'node:fs';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Frame } from 'playwright-core';

// axe-core's browser build, injected into the app's frame (never loaded by the app itself).
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const INJECT = `(() => { ${AXE_SOURCE}\n; return typeof window.axe; })()`;
const RUN = `axe.run(document, { resultTypes: ['violations'] })`;

/** Impacts that fail the suite; moderate and minor ones are left to review. */
const BLOCKING: ReadonlySet<ImpactValue> = new Set<ImpactValue>(['serious', 'critical']);

/** One failing rule as a line a person can act on: impact, rule, and where (up to five nodes). */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the frame's whole document; the serious and critical violations. */
export async function seriousViolations(frame: Frame): Promise<AxeFinding[]> {
  if ((await frame.evaluate('typeof window.axe')) === 'undefined') {
    const loaded = await frame.evaluate<string>(INJECT);
    if (loaded !== 'object') throw new Error(`axe-core did not load in the frame (${loaded})`);
  }
  const results = await frame.evaluate<AxeResults>(RUN);
  return results.violations
    .filter((violation) => violation.impact && BLOCKING.has(violation.impact))
    .map((violation) => ({
      rule: violation.id,
      impact: String(violation.impact),
      help: violation.help,
      nodes: violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
}

/** Fails with every serious or critical violation on `screen`, so the message says what to fix. */
export async function expectAccessible(frame: Frame, screen: string): Promise<void> {
  const findings = await seriousViolations(frame);
  expect({ screen, findings }).toEqual({ screen, findings: [] });
}
