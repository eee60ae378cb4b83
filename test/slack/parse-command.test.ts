import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/commands/parse-command.js';

describe('parseCommand', () => {
  it('parses the four commands', () => {
    expect(parseCommand('diagnose checkout shop')).toEqual({
      kind: 'diagnose',
      app: 'checkout',
      namespace: 'shop',
    });
    expect(parseCommand('  DIAGNOSE   checkout   shop ')).toEqual({
      kind: 'diagnose',
      app: 'checkout',
      namespace: 'shop',
    });
    expect(parseCommand('diagnose-host web-1.example.com nginx.service')).toEqual({
      kind: 'diagnose-host',
      host: 'web-1.example.com',
      service: 'nginx.service',
    });
    expect(parseCommand('history')).toEqual({ kind: 'history' });
    expect(parseCommand('history checkout shop')).toEqual({
      kind: 'history',
      app: 'checkout',
      namespace: 'shop',
    });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('')).toEqual({ kind: 'help' });
  });

  it('rejects names that are not DNS-1123 labels, saying which one and why', () => {
    const bad = parseCommand('diagnose Checkout shop');
    expect(bad).toMatchObject({ kind: 'invalid' });
    expect(bad.kind === 'invalid' && bad.problem).toContain('app `Checkout` is not valid');
    expect(parseCommand('diagnose checkout ../etc')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand(`diagnose ${'a'.repeat(64)} shop`)).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('diagnose checkout shop-')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('diagnose-host web_1 nginx')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('diagnose-host web-1 "rm -rf"')).toMatchObject({ kind: 'invalid' });
  });

  it('gives usage for missing or extra arguments and unknown verbs', () => {
    for (const text of [
      'diagnose',
      'diagnose checkout',
      'diagnose a b c',
      'history checkout',
      'diagnose-host h',
      'restart everything',
    ]) {
      const r = parseCommand(text);
      expect(r.kind, text).toBe('invalid');
    }
    const unknown = parseCommand('frobnicate now');
    expect(unknown.kind === 'invalid' && unknown.problem).toBe('unknown command `frobnicate`');
  });
});
