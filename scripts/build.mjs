// Build the CLI into dist/ with esbuild: our code plus its pure-JS dependencies in one bundle (with lazy
// chunks per command). client-node 1.x is ~1,500 ESM modules; loading them one by one costs ~1 s of CPU
// at every `gw502 diagnose` start, bundled it costs ~0.2 s. Types are checked by `npm run typecheck`, not here.
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Kept external: packages that load their own files or workers at run time (BullMQ's Lua scripts,
// msgpackr's native addon, pino's transports, Bolt/Express, Playwright). Everything else is inlined.
const external = [
  'bullmq',
  'ioredis',
  '@slack/bolt',
  '@slack/web-api',
  '@slack/socket-mode',
  'pino',
  'playwright-core',
];
const declared = new Set(Object.keys(pkg.dependencies ?? {}));
for (const name of external)
  if (!declared.has(name) && !name.startsWith('@slack/socket') && name !== 'playwright-core')
    throw new Error(`build: ${name} is not a dependency`);

// Build aside, then swap in: a process running the previous build never sees a half-written dist/.
const tmp = `dist.tmp-${process.pid}`;
await build({
  entryPoints: ['src/cli/index.ts'],
  outdir: `${tmp}/cli`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Smaller code parses faster at every start; names are kept for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  external,
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS code inside client-node calls require() for Node built-ins.
  banner: {
    js: "import { createRequire as __gw502CreateRequire } from 'node:module'; const require = __gw502CreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const old = `dist.old-${process.pid}`;
try {
  renameSync('dist', old);
} catch {
  // first build
}
renameSync(tmp, 'dist');
rmSync(old, { recursive: true, force: true });
