import type { KubeClients } from '../k8s/clients.js';
import { readDeployment } from './deployment-api.js';
import { deploymentRolloutStatus } from '../k8s/rollout-status.js';

export interface WaitForRolloutOptions {
  timeoutMs: number;
  /** How often to re-read; kubectl watches, a poll is simpler and enough at this scale. Default 1 s. */
  pollMs?: number;
  onProgress?: (message: string) => void;
}

export type RolloutWaitResult = { ok: true; message: string } | { ok: false; message: string };

/** Wait until the Deployment is rolled out, fails (progress deadline), or the timeout passes. */
export async function waitForRollout(
  clients: KubeClients,
  target: { namespace: string; name: string },
  opts: WaitForRolloutOptions,
): Promise<RolloutWaitResult> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  for (;;) {
    let message: string;
    try {
      const d = await readDeployment(clients, target.namespace, target.name);
      if (!d) return { ok: false, message: `deployment/${target.name} disappeared during the rollout` };
      const status = deploymentRolloutStatus(d);
      if (status.state === 'complete') return { ok: true, message: status.message };
      if (status.state === 'failed') return { ok: false, message: status.message };
      message = status.message;
    } catch (err) {
      // A blip of the API server is not the rollout's fault; keep waiting until the deadline.
      message = `cannot read deployment/${target.name}: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (message !== last) opts.onProgress?.(message);
    last = message;
    if (Date.now() >= deadline) return { ok: false, message: `timed out: ${message}` };
    await new Promise((r) =>
      setTimeout(r, Math.min(opts.pollMs ?? 1000, Math.max(0, deadline - Date.now()))),
    );
  }
}
