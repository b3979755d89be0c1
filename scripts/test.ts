// npm test: the same provisioning as npm start (the test template database is prepared by the suites' global
// setup), the web client built for the browser suites, then every Vitest project.
import { spawnSync } from 'node:child_process';
import { provisionDatabase, repoRoot } from '@sigmun/db';
import { ensureWebBuild } from './lib/web-build.ts';

const say = (m: string) => console.log(`\x1b[36m▸\x1b[0m ${m}`);

async function main(): Promise<number> {
  const root = repoRoot();
  await provisionDatabase({ log: say });
  await ensureWebBuild(root, say);
  const r = spawnSync(process.execPath, [`${root}/node_modules/vitest/vitest.mjs`, 'run', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SIGMUN_TEST: '1' },
  });
  return r.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`\x1b[31m✗\x1b[0m ${(e as Error).message}`);
    process.exit(1);
  },
);
