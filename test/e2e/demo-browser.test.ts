import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoProcess, type DemoProcess } from '../demo/demo-process.js';

/**
 * The newcomer's two minutes, in a real browser against a real `gw502 demo` process: type a diagnose
 * command, watch the message update to its verdict, try the Roll back button as a non-approver (refused,
 * to them alone), then as the on-call approver: confirm, and see the recovery in the message.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

let demo: DemoProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await startDemoProcess();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(demo.pageUrl);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (demo) {
    demo.child.kill('SIGINT');
    await demo.child;
  }
}, 60_000);

/** The top-level bot message holding the diagnosis of `app`. */
function resultMessage(app: string) {
  return page
    .locator('article.message:not(.ephemeral)', { hasText: `Diagnos` })
    .filter({ hasText: app })
    .last();
}

describe('gw502 demo in a browser', () => {
  it('diagnoses checkout from a typed slash command, live, with the verdict bad-rollout', async () => {
    await page.fill('#text', '/gw502 diagnose checkout shop');
    await page.press('#text', 'Enter');
    // The ack is shown to the typer alone, like Slack's ephemeral answer.
    const ack = page.locator('article.message.ephemeral', { hasText: 'Diagnosing checkout' });
    await ack.waitFor({ timeout: 30_000 });
    expect(await ack.locator('.ephemeral-note').innerText()).toContain('Only visible to you');
    // One top-level message, edited in place until it holds the verdict.
    const header = page.locator('.bk-header', { hasText: 'checkout in shop' });
    await header.waitFor({ timeout: 120_000 });
    expect(await header.innerText()).toMatch(/🔴 checkout in shop: bad rollout/);
    const message = resultMessage('checkout');
    expect(await message.innerText()).toContain('bad-rollout');
    expect(await message.locator('.edited').count()).toBe(1);
    expect(
      await page.locator('article.message:not(.ephemeral) .bk-header', { hasText: 'checkout' }).count(),
    ).toBe(1);
  }, 180_000);

  it('shows the remediation button with its confirm dialog; a non-approver is refused privately', async () => {
    const rollBack = page.locator('button.bk-button', { hasText: 'Roll back' });
    await rollBack.first().waitFor({ timeout: 30_000 });
    // The screenshot in the README: the finished diagnosis from its header down to the buttons.
    await resultMessage('checkout').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: 'docs/demo.png' });

    await page.selectOption('#user', 'U0DEV');
    await page.locator('#messages[data-user="U0DEV"]').waitFor({ timeout: 10_000 });
    await rollBack.first().waitFor({ timeout: 10_000 });
    await rollBack.first().click();
    const dialog = page.locator('dialog#confirm');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('h2').innerText()).toBe('Roll back?');
    await dialog.locator('button.confirm').click();
    const refusal = page.locator('article.message.ephemeral', { hasText: /approver/i });
    await refusal.waitFor({ timeout: 30_000 });
    // Still offered: a refusal changes nothing.
    expect(await rollBack.count()).toBeGreaterThan(0);
  }, 90_000);

  it('the approver confirms the rollback and the message shows who approved it and the recovery', async () => {
    await page.selectOption('#user', 'U0ONCALL');
    await page.locator('#messages[data-user="U0ONCALL"]').waitFor({ timeout: 10_000 });
    const rollBack = page.locator('button.bk-button', { hasText: 'Roll back' });
    await rollBack.first().waitFor({ timeout: 10_000 });
    // Sam's refusal was for Sam alone.
    expect(await page.locator('article.message.ephemeral', { hasText: /not an approver/i }).count()).toBe(0);
    await rollBack.first().click();
    await page.locator('dialog#confirm button.confirm').click();
    const message = resultMessage('checkout');
    await page.locator('#messages', { hasText: /recovered/i }).waitFor({ timeout: 150_000 });
    const text = await message.innerText();
    expect(text).toMatch(/Dana Okafor/);
    expect(await message.locator('button.bk-button', { hasText: 'Roll back' }).count()).toBe(0);
  }, 180_000);
});
