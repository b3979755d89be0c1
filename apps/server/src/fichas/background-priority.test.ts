// On a real process tree (a shell with two children), as the atlas's Chromium is found and lowered.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { lowerPriority, processTree } from './background-priority.ts';

const started: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

describe.runIf(process.platform === 'linux')('background priority', () => {
  it('finds the marked process and its children, and sets every one of them to the nice value', async () => {
    const marker = `--sigmun-test=${randomUUID()}`;
    // `sh -c script name marker`: the marker is one of the shell's arguments, as it is one of Chromium's.
    const sh = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait', 'sh', marker], { stdio: 'ignore' });
    started.push(sh);
    let tree: number[] = [];
    for (let i = 0; i < 100 && tree.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
      tree = processTree(marker);
    }
    expect(tree[0]).toBe(sh.pid);
    expect(tree).toHaveLength(3);
    expect(tree.map((p) => getPriority(p))).toEqual([0, 0, 0].map(() => getPriority(process.pid)));
    expect(lowerPriority(marker, 7)).toBeGreaterThanOrEqual(3);
    expect(tree.map((p) => getPriority(p))).toEqual([7, 7, 7]);
    // Already there: nothing more to lower.
    expect(lowerPriority(marker, 7)).toBe(0);
    expect(processTree(`--sigmun-test=${randomUUID()}`)).toEqual([]);
  });
});
