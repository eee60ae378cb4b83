import { execa } from 'execa';

/**
 * Whole-process tests run the real `bin/gw502.js`, which loads `dist/`. Bundle once (esbuild, a few seconds)
 * before the suite so `npm test` alone is enough; type errors are the typecheck's business.
 */
export default async function setup(): Promise<void> {
  await execa('node', ['scripts/build.mjs'], { stdio: 'inherit' });
}
