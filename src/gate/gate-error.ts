/** Why the gate could not run at all (exit 2, one line on stderr) — as opposed to a failed rollout (exit 1). */
export class GateError extends Error {
  override name = 'GateError';
  constructor(
    readonly code: 'bad-input' | 'unreachable' | 'forbidden' | 'config',
    message: string,
  ) {
    super(message);
  }
}
