/**
 * Text helpers for Slack mrkdwn. Evidence comes from pods and proxies we do not control: it may hold
 * `<!channel>`, backticks or 4 MB lines, so everything is escaped and clipped before it reaches a block.
 */

/** Slack's three control characters; `<!here>` in a pod log must never ping a channel. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Clip to `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Evidence lines as a code block within `maxChars`, at most `maxLines` lines each clipped to `lineChars`,
 * ending with "… N more lines" when some were left out, so the reader knows the list is not complete.
 */
export function codeBlock(
  lines: readonly string[],
  opts: { maxChars: number; maxLines: number; lineChars: number },
) {
  const kept: string[] = [];
  // Room for the fences and the trailer, so the result never exceeds maxChars.
  let budget = opts.maxChars - 8 - 40;
  for (const raw of lines) {
    if (kept.length >= opts.maxLines) break;
    // Triple backticks inside evidence would close the fence early.
    const line = clip(escapeMrkdwn(raw.replace(/```/g, "'''").replace(/\r?\n/g, ' ⏎ ')), opts.lineChars);
    if (line.length + 1 > budget) break;
    kept.push(line);
    budget -= line.length + 1;
  }
  const left = lines.length - kept.length;
  const trailer = left > 0 ? `\n… ${left} more line${left === 1 ? '' : 's'}` : '';
  return `\`\`\`${kept.join('\n') || ' '}${trailer}\`\`\``;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
