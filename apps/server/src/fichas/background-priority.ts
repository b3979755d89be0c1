// The atlas's Chromium runs at a low CPU priority (ATLAS_NICE), so that a long atlas takes what the map's requests
// leave and not the other way round (issue 14: "running in the background without slowing the map for others").
// Playwright gives no process id of the browser it launches, so the browser carries a switch of its own (Chromium
// ignores switches it does not know) and is found by it in /proc; its renderers, GPU and utility processes are its
// descendants. Linux only: elsewhere nothing is lowered and the atlas simply shares the CPU.
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

interface ProcEntry {
  pid: number;
  ppid: number;
}

function processes(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) may hold spaces and parentheses: the fields after its last ')' are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(rest[1]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function hasSwitch(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/** Ids of the process started with `marker` among its arguments and of all its descendants (empty when none). */
export function processTree(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const all = processes();
  const roots = all.filter((p) => hasSwitch(p.pid, marker)).map((p) => p.pid);
  const tree = new Set(roots);
  // Children are listed in no particular order: repeat until no new descendant turns up.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  return [...tree];
}

/**
 * Sets every thread of the marked process tree to `nice` (the kernel weighs nice 10 about 1/9 of nice 0, nice 19 about
 * 1/70: at 19 a saturated machine starves the atlas) (on Linux a priority belongs to a thread, and threads
 * started before this call keep their own). Processes and threads started later inherit it from their parent.
 * Returns how many threads were lowered now; a thread that ended meanwhile is skipped.
 */
export function lowerPriority(marker: string, nice: number): number {
  let lowered = 0;
  for (const pid of processTree(marker)) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        if (current >= nice) continue;
        setPriority(Number(tid), nice);
        lowered++;
      } catch {
        // Gone, or not ours to change.
      }
    }
  }
  return lowered;
}
