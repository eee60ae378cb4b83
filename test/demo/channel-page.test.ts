import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { channelPageHtml } from '../../src/demo/channel-page.js';
import { DEMO_USERS } from '../../src/demo/demo-users.js';

describe('channelPageHtml', () => {
  const html = channelPageHtml({ users: DEMO_USERS, startUser: 'U0ONCALL' });

  it('ships a browser script that parses (it is a string inside TypeScript, so nothing else checks it)', () => {
    const script = html.split('<script>')[1]?.split('</script>')[0] ?? '';
    expect(script.length).toBeGreaterThan(1000);
    expect(() => new Script(script)).not.toThrow();
  });

  it('offers every demo user in the picker with the starting approver selected', () => {
    expect(html).toContain('<option value="U0ONCALL" selected>Dana Okafor — On-call SRE · approver</option>');
    expect(html).toContain('<option value="U0DEV">Sam Rivera — Developer · not an approver</option>');
  });

  it('offers a one-click diagnose command for each app of the demo shop', () => {
    for (const app of ['checkout', 'cart', 'search', 'payments', 'catalog']) {
      expect(html).toContain(`data-fill="/gw502 diagnose ${app} shop"`);
    }
  });

  it('escapes boot data so it cannot close its script element', () => {
    const page = channelPageHtml({ users: DEMO_USERS, startUser: '</script><b>x' });
    expect(page).toContain('"startUser":"\\u003c/script>\\u003cb>x"');
  });
});
