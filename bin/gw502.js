#!/usr/bin/env node
import('../dist/cli/index.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    process.stderr.write(`gw502: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
