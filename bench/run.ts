/**
 * `npm run bench`: every benchmark, figures and ratios measured side by side in one run.
 * Each section is isolated so one failing benchmark does not hide the others.
 */
const sections: [string, () => Promise<{ default?: unknown } & Record<string, unknown>>, string][] = [
  ['diagnosis scaling', () => import('./diagnose-scaling.js'), 'benchDiagnoseScaling'],
  ['diagnose vs kubectl', () => import('./diagnose-vs-kubectl.js'), 'benchDiagnoseVsKubectl'],
  ['slack ack (one process)', () => import('./slack-ack.js'), 'benchSlackAck'],
  ['slack ack (as deployed)', () => import('./slack-ack-processes.js'), 'benchSlackAckProcesses'],
  ['gate', () => import('./gate.js'), 'benchGate'],
  ['diagnose-host', () => import('./diagnose-host.js'), 'benchDiagnoseHost'],
];

let failures = 0;
for (const [name, load, fn] of sections) {
  try {
    const mod = await load();
    const run = mod[fn];
    if (typeof run !== 'function') throw new Error(`${fn} not exported`);
    await (run as () => Promise<void>)();
  } catch (err) {
    failures++;
    console.log(`\n## ${name}: could not run: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
