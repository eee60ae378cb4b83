import { execa } from 'execa';

/**
 * Whole-process tests run the real `bin/gw502.js`, which loads `dist/`. Compile once before the suite so
 * `npm test` alone is enough (type errors are the typecheck's business; tsc still emits).
 */
export default async function setup(): Promise<void> {
  await execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { reject: false, stdio: 'inherit' });
}
