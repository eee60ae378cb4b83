import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { handleApproveClick, type ApproveClickDeps } from '../../actions/approve-click.js';
import { textMessage, type SlackOut } from '../../actions/slack-out.js';
import { APPROVE_ACTION_PREFIX, REDIAGNOSE_ACTION_ID } from '../../blocks/action-buttons.js';
import type { Gw502Config } from '../../config/config.js';
import type { Logger } from '../../logger.js';
import { dns1123Label, type DiagnoseJobData } from '../../queue/diagnose-job.js';

export interface ActionHandlerDeps {
  click: ApproveClickDeps;
  slack: SlackOut;
  config: Gw502Config;
  /** Queue a fresh diagnosis (the "Diagnose again" button); returns a line for the clicker. */
  enqueueDiagnose: (data: DiagnoseJobData) => Promise<string>;
  logger: Logger;
}

/** The parts of a block_actions payload we use, checked once at the edge. */
const clickSchema = z.object({
  user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]+$/) }),
  channel: z.object({ id: z.string().regex(/^[CDG][A-Z0-9]+$/) }),
  value: z.string().min(1).max(200),
});

function parseClick(body: BlockAction, action: ButtonAction) {
  return clickSchema.safeParse({ user: body.user, channel: body.channel, value: action.value });
}

/** Answer the clicker alone: chat.postEphemeral, or the payload's response_url when the bot cannot post. */
async function tellClicker(
  deps: ActionHandlerDeps,
  respond: (m: { response_type: 'ephemeral'; replace_original: false; text: string }) => Promise<unknown>,
  channel: string,
  user: string,
  text: string,
): Promise<void> {
  try {
    await deps.slack.postEphemeral(channel, user, textMessage(text));
  } catch (err) {
    deps.logger.warn({ err }, 'postEphemeral failed; answering through response_url');
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((e: unknown) =>
      deps.logger.warn({ err: e }, 'could not answer the clicker'),
    );
  }
}

/** Interactivity: the approve buttons and "Diagnose again". Acknowledged at once; work follows. */
export function registerActionHandlers(app: App, deps: ActionHandlerDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^${APPROVE_ACTION_PREFIX}`) },
    async ({ ack, body, action, respond }) => {
      await ack();
      const click = parseClick(body, action);
      if (!click.success) {
        deps.logger.warn({ issue: click.error.issues[0]?.message }, 'malformed approve click ignored');
        return;
      }
      const { user, channel, value } = click.data;
      try {
        const result = await handleApproveClick(deps.click, { approvalId: value, user: user.id });
        if (result.kind === 'refused') await tellClicker(deps, respond, channel.id, user.id, result.message);
      } catch (err) {
        deps.logger.error({ err, approvalId: value }, 'approve click failed');
        await tellClicker(
          deps,
          respond,
          channel.id,
          user.id,
          ':warning: gw502 could not handle this click; nothing was started. It has been logged.',
        );
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: REDIAGNOSE_ACTION_ID },
    async ({ ack, body, action, respond }) => {
      await ack();
      const click = parseClick(body, action);
      if (!click.success) return;
      const { user, channel, value } = click.data;
      const [namespace, app_] = value.split('/');
      const ns = dns1123Label.safeParse(namespace);
      const appName = dns1123Label.safeParse(app_);
      if (!ns.success || !appName.success) return;
      if (deps.config.namespaces && !deps.config.namespaces.includes(ns.data)) {
        await tellClicker(
          deps,
          respond,
          channel.id,
          user.id,
          `:no_entry: Namespace \`${ns.data}\` is not one gw502 may diagnose.`,
        );
        return;
      }
      try {
        const line = await deps.enqueueDiagnose({
          app: appName.data,
          namespace: ns.data,
          channel: channel.id,
          user: user.id,
          requestedAt: new Date().toISOString(),
        });
        await tellClicker(deps, respond, channel.id, user.id, line);
      } catch (err) {
        deps.logger.warn({ err }, 'could not queue a fresh diagnosis');
        await tellClicker(
          deps,
          respond,
          channel.id,
          user.id,
          ':warning: Could not queue the diagnosis (Redis not answering?). Try `/gw502 diagnose` again in a minute.',
        );
      }
    },
  );
}
