import type { KnownBlock } from '@slack/types';

/** A Slack message as we send it: fallback text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Slack's Block Kit limits (api.slack.com/reference/block-kit). Slack rejects a message that breaks any of
 * them with `invalid_blocks`, which at 3 a.m. means no result at all — so every rendered message is checked.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack truncates `text` past 40,000 characters; we hold the whole serialized message to that too. */
  messageChars: 40_000,
} as const;

interface TextObj {
  type?: string;
  text?: string;
}

function textLen(t: unknown): number {
  return typeof t === 'object' && t !== null && typeof (t as TextObj).text === 'string'
    ? (t as TextObj).text!.length
    : 0;
}

function checkElement(
  el: Record<string, unknown>,
  where: string,
  ids: Map<string, string>,
  problems: string[],
): void {
  const actionId = el.action_id;
  if (typeof actionId === 'string') {
    if (actionId.length > LIMITS.id) problems.push(`${where}: action_id longer than ${LIMITS.id}`);
    if (ids.has(`a:${actionId}`)) problems.push(`${where}: action_id "${actionId}" is not unique`);
    ids.set(`a:${actionId}`, where);
  }
  if (el.type === 'button') {
    if (textLen(el.text) > LIMITS.buttonText)
      problems.push(`${where}: button text longer than ${LIMITS.buttonText}`);
    if (textLen(el.text) === 0) problems.push(`${where}: button without text`);
    if (typeof el.value === 'string' && el.value.length > LIMITS.buttonValue) {
      problems.push(`${where}: button value longer than ${LIMITS.buttonValue}`);
    }
  }
  const confirm = el.confirm as Record<string, unknown> | undefined;
  if (confirm) {
    if (textLen(confirm.title) > LIMITS.confirmTitle)
      problems.push(`${where}: confirm title > ${LIMITS.confirmTitle}`);
    if (textLen(confirm.text) > LIMITS.confirmText)
      problems.push(`${where}: confirm text > ${LIMITS.confirmText}`);
    for (const key of ['confirm', 'deny'] as const) {
      if (textLen(confirm[key]) > LIMITS.confirmButton) {
        problems.push(`${where}: confirm ${key} button text > ${LIMITS.confirmButton}`);
      }
    }
  }
}

/** Every way `message` breaks Slack's limits; empty when Slack would accept it. */
export function checkMessageLimits(message: SlackMessage): string[] {
  const problems: string[] = [];
  const { blocks } = message;
  if (blocks.length > LIMITS.blocksPerMessage) {
    problems.push(`${blocks.length} blocks (limit ${LIMITS.blocksPerMessage})`);
  }
  if (message.text.length === 0) problems.push('empty fallback text (notifications would be blank)');
  const size = JSON.stringify(message).length;
  if (size > LIMITS.messageChars)
    problems.push(`message is ${size} characters (limit ${LIMITS.messageChars})`);

  const ids = new Map<string, string>();
  blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    const b = block as unknown as Record<string, unknown>;
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > LIMITS.id) problems.push(`${where}: block_id longer than ${LIMITS.id}`);
      if (ids.has(`b:${b.block_id}`)) problems.push(`${where}: block_id "${b.block_id}" is not unique`);
      ids.set(`b:${b.block_id}`, where);
    }
    switch (block.type) {
      case 'header':
        if (textLen(block.text) > LIMITS.headerText)
          problems.push(`${where}: header longer than ${LIMITS.headerText}`);
        if (block.text.type !== 'plain_text') problems.push(`${where}: header text must be plain_text`);
        break;
      case 'section': {
        if (textLen(block.text) > LIMITS.sectionText)
          problems.push(`${where}: text longer than ${LIMITS.sectionText}`);
        if (!block.text && !block.fields?.length) problems.push(`${where}: section needs text or fields`);
        const fields = block.fields ?? [];
        if (fields.length > LIMITS.fieldsPerSection)
          problems.push(`${where}: ${fields.length} fields (limit 10)`);
        fields.forEach((f, j) => {
          if (textLen(f) > LIMITS.fieldText)
            problems.push(`${where}.fields[${j}]: longer than ${LIMITS.fieldText}`);
        });
        if (block.accessory) checkElement(block.accessory as never, `${where}.accessory`, ids, problems);
        break;
      }
      case 'actions':
        if (block.elements.length > LIMITS.actionsElements) {
          problems.push(`${where}: ${block.elements.length} elements (limit ${LIMITS.actionsElements})`);
        }
        block.elements.forEach((el, j) =>
          checkElement(el as never, `${where}.elements[${j}]`, ids, problems),
        );
        break;
      case 'context':
        if (block.elements.length > LIMITS.contextElements) {
          problems.push(`${where}: ${block.elements.length} elements (limit ${LIMITS.contextElements})`);
        }
        if (block.elements.length === 0) problems.push(`${where}: context without elements`);
        break;
      default:
        break;
    }
  });
  return problems;
}
