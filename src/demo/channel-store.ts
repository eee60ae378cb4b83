import { randomBytes } from 'node:crypto';

/** Slack ts strings have a fixed shape (10-digit seconds, 6-digit micros): they sort as strings. */
function byTs(a: { ts: string }, b: { ts: string }): number {
  return a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0;
}

/** One message of the demo channel, as Slack keeps it. */
export interface ChannelMessage {
  channel: string;
  ts: string;
  /** The bot's user id, or the person who wrote it. */
  user: string;
  botId?: string;
  text: string;
  blocks: unknown[];
  /** A reply in the thread of this message. */
  threadTs?: string;
  /** Visible to this user alone ("Only visible to you"). */
  ephemeralTo?: string;
  /** The slash command an ephemeral answer responds to, shown above it like Slack does. */
  command?: string;
  edited: boolean;
}

export type ChannelEvent =
  { kind: 'upsert'; message: ChannelMessage } | { kind: 'delete'; message: ChannelMessage };

/** Slack fills in a block_id for every block sent without one; interactivity payloads then carry it. */
function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((b) => {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return b;
    const block = b as Record<string, unknown>;
    if (typeof block.block_id === 'string' && block.block_id !== '') return block;
    return { ...block, block_id: randomBytes(3).toString('base64url') };
  });
}

/**
 * The channel's messages in memory, in ts order, with subscribers notified of every post, edit and
 * delete (the page's live view). Timestamps are Slack-shaped (`seconds.micro`) and strictly increasing.
 */
export class ChannelStore {
  private readonly byTs = new Map<string, ChannelMessage>();
  private readonly listeners = new Set<(e: ChannelEvent) => void>();
  private lastMicros = 0;

  private nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  subscribe(listener: (e: ChannelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: ChannelEvent): void {
    for (const l of this.listeners) l(e);
  }

  post(m: Omit<ChannelMessage, 'ts' | 'edited'>): ChannelMessage {
    const message: ChannelMessage = {
      ...m,
      blocks: withBlockIds(m.blocks),
      ts: this.nextTs(),
      edited: false,
    };
    this.byTs.set(message.ts, message);
    this.emit({ kind: 'upsert', message });
    return message;
  }

  get(ts: string): ChannelMessage | undefined {
    return this.byTs.get(ts);
  }

  update(ts: string, change: { text: string; blocks: unknown[] }): ChannelMessage | undefined {
    const existing = this.byTs.get(ts);
    if (!existing) return undefined;
    const message: ChannelMessage = {
      ...existing,
      text: change.text,
      blocks: withBlockIds(change.blocks),
      edited: true,
    };
    this.byTs.set(ts, message);
    this.emit({ kind: 'upsert', message });
    return message;
  }

  delete(ts: string): boolean {
    const existing = this.byTs.get(ts);
    if (!existing) return false;
    this.byTs.delete(ts);
    this.emit({ kind: 'delete', message: existing });
    return true;
  }

  /** What `user` sees, oldest first: every channel message plus the ephemerals meant for them. */
  visibleTo(user: string): ChannelMessage[] {
    return [...this.byTs.values()]
      .filter((m) => m.ephemeralTo === undefined || m.ephemeralTo === user)
      .sort(byTs);
  }

  all(): ChannelMessage[] {
    return [...this.byTs.values()].sort(byTs);
  }
}
