import type { FakeSlack } from '../test/helpers/fake-slack.js';

/**
 * Wait until every app's diagnosis message holds its final result; returns when each was first seen
 * final (performance.now() time), keyed by app.
 */
export async function waitForFinalMessages(slack: FakeSlack, count: number): Promise<Map<string, number>> {
  const finals = new Map<string, number>();
  await slack.waitFor(
    () => {
      for (const m of slack.messages.values()) {
        const app = (/^Could not diagnose (\S+) in /.exec(m.text) ?? /^\S+ (\S+) in /.exec(m.text))?.[1];
        if (app && !finals.has(app) && !m.text.startsWith('Diagnosing')) finals.set(app, performance.now());
      }
      return finals.size >= count;
    },
    600_000,
    'every final message',
  );
  return finals;
}
