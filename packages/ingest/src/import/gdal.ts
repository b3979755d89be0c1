// What GDAL knows of a vector dataset, as GDAL's own JSON: `ogrinfo -json` (GDAL ≥ 3.7) or, on older GDAL
// (Debian bookworm's 3.6), the same members written by ogrinfo_json.py through GDAL's Python bindings. Nothing
// here reads ogrinfo's human-readable text.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ImportError } from './errors.ts';

/** The members of `ogrinfo -json -so -al` the importer reads. */
export interface OgrInfo {
  layers: Array<{
    name: string;
    featureCount: number;
    fields: Array<{ name: string; type?: string }>;
    geometryFields: Array<{ name?: string; coordinateSystem?: { wkt?: string; projjson?: { name?: string; id?: { authority?: string; code?: number | string } } } | null }>;
  }>;
}

const SHIM = fileURLToPath(new URL('./ogrinfo_json.py', import.meta.url));
// Debian's interpreter, where python3-gdal installs; not whatever python3 comes first on PATH.
const PYTHON = process.env.SIGMUN_PYTHON ?? '/usr/bin/python3';

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (e) => reject(new ImportError(`No se pudo ejecutar ${cmd} (${e.message}): instale GDAL (paquetes gdal-bin y python3-gdal).`)));
    p.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr }));
  });
}

let nativeJson: boolean | undefined;

/** Whether this ogrinfo writes JSON itself (asked once per process). */
async function ogrinfoHasJson(): Promise<boolean> {
  if (nativeJson === undefined) {
    const r = await run('ogrinfo', ['--version']);
    const [major, minor] = (r.stdout.split(' ')[1] ?? '0.0').split('.').map(Number);
    nativeJson = major > 3 || (major === 3 && minor >= 7);
  }
  return nativeJson;
}

/** Layers, feature counts, fields and CRS of a dataset; throws with GDAL's own message when it cannot open it. */
export async function ogrInfo(path: string): Promise<OgrInfo> {
  const r = (await ogrinfoHasJson())
    ? await run('ogrinfo', ['-json', '-ro', '-so', '-al', path])
    : await run(PYTHON, [SHIM, path]);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `ogrinfo terminó con código ${r.code}`);
  return JSON.parse(r.stdout) as OgrInfo;
}
