import { readFileSync } from 'node:fs';

/** Where the CPU went in a V8 .cpuprofile: self time by function and by package. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** Busy time: the samples that were not idle. */
  totalMs: number;
  idleMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
}

/** `node_modules/@nestjs/core/…` → `@nestjs/core`; our code → `app`; Node itself → `node`. */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/libs/shared/')) return '@poker/shared';
  return 'app';
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist !== -1 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

function top(totals: Map<string, number>, totalMs: number, limit: number): SelfTime[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ name, ms, percent: (ms / totalMs) * 100 }));
}

export function summariseProfile(file: string, limit = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // The probe's own inspector calls (stopping the profile) are not the server's work.
  const probeNodes = new Set<number>();
  const markProbe = (node: ProfileNode, inProbe: boolean): void => {
    const probe = inProbe || node.callFrame.url.endsWith('server-probe.js');
    if (probe) probeNodes.add(node.id);
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      if (next) markProbe(next, probe);
    }
  };
  markProbe(profile.nodes[0], false);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame || probeNodes.has(id)) return;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    totalMs += ms;
    const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  });
  return {
    file,
    totalMs,
    idleMs,
    functions: top(functions, totalMs, limit),
    packages: top(packages, totalMs, 12),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const row = ({ name, ms, percent }: SelfTime) =>
    `  ${percent.toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`;
  return [
    `Self time in ${summary.file}: ${(summary.totalMs / 1000).toFixed(1)} s busy, ${(summary.idleMs / 1000).toFixed(1)} s idle; % of busy time`,
    ' by package:',
    ...summary.packages.map(row),
    ' by function:',
    ...summary.functions.map(row),
  ].join('\n');
}

// `node dist/bench/profile-summary.js <file.cpuprofile> [limit]`
if (require.main === module) {
  const [file, limit] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: node dist/bench/profile-summary.js <file.cpuprofile> [limit]');
    process.exit(1);
  }
  console.log(formatProfile(summariseProfile(file, limit ? Number(limit) : 20)));
}
