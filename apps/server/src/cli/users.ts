// npm run users -- add <correo> --role <rol> [--dependencia <nombre>]… | token <correo> | list | disable <correo>
// Accounts for administrators at the console: the first admin of a new install is created here. Passwords are read
// from standard input (never from the command line, which other users of the machine can see).
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { provisionDatabase } from '@sigmun/db';
import { setContext } from '@sigmun/db/audit';
import { isRole, ROLES, type Role } from '@sigmun/domain/roles';
import { hashPassword, newApiToken, passwordProblem, secretHash } from '../lib/credentials.ts';
import { deleteUserSessions } from '../repositories/auth.ts';
import { findUser, insertToken, insertUser, listUsers, updateUser } from '../repositories/users.ts';

const USAGE = `Uso:
  npm run users -- add <correo> --role <rol> [--role <rol>]… [--dependencia <nombre>]… [--nombre <nombre>]
                   (la contraseña se lee de la entrada estándar; mínimo 12 caracteres)
  npm run users -- token <correo> [--nombre <descripción>]   imprime un token de API nuevo, una sola vez
  npm run users -- list
  npm run users -- disable <correo>                          desactiva la cuenta y cierra sus sesiones
Roles: ${ROLES.join(', ')}`;

class UsageError extends Error {}

/** Reads the password: one line from a pipe, or typed at a terminal without echo. */
async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write('Contraseña (no se muestra): ');
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => {
    let got = false;
    rl.once('line', (l) => {
      got = true;
      resolve(l);
    });
    rl.once('close', () => {
      if (!got) resolve('');
    });
  });
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line.replace(/\r$/, '');
}

/** Runs `fn` in one transaction audited as cli:<system user>. */
async function audited<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await setContext(client, { actor: `cli:${userInfo().username}` });
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string', multiple: true }, dependencia: { type: 'string', multiple: true }, nombre: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [cmd, email] = positionals;
  if (values.help || !cmd) throw new UsageError(USAGE);
  if (['add', 'token', 'disable'].includes(cmd) && !email) throw new UsageError(`Falta el correo.\n${USAGE}`);

  const target = await provisionDatabase({ log: () => {} });
  const client = new pg.Client({ connectionString: target.url, application_name: 'sigmun-users' });
  await client.connect();
  try {
    if (cmd === 'add') {
      const roles = values.role ?? [];
      if (!roles.length) throw new UsageError(`Indique al menos un --role (${ROLES.join(', ')}).`);
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) throw new UsageError(`Rol desconocido: ${bad.join(', ')}; posibles: ${ROLES.join(', ')}.`);
      if (roles.includes('dependencia') && !values.dependencia?.length) throw new UsageError('El rol dependencia necesita al menos una --dependencia.');
      const password = await readPassword();
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem);
      const passwordHash = await hashPassword(password);
      const id = await audited(client, () => insertUser(client, { email, nombre: values.nombre, passwordHash, roles: roles as Role[], dependencias: values.dependencia }));
      if (id === null) throw new UsageError(`Ya existe un usuario con el correo ${email.trim().toLowerCase()}.`);
      console.log(`Usuario ${email.trim().toLowerCase()} creado (id ${id}, roles ${roles.join(', ')}).`);
    } else if (cmd === 'token') {
      const user = await findUser(client, { email });
      if (!user) throw new UsageError(`No existe el usuario ${email}.`);
      if (!user.activo) throw new UsageError(`El usuario ${email} está desactivado.`);
      const { token, prefijo } = newApiToken();
      await audited(client, () => insertToken(client, { userId: user.id, nombre: values.nombre ?? 'consola', tokenHash: secretHash(token), prefijo }));
      console.error(`Token de API para ${user.email} (roles ${user.roles.join(', ')}). Se muestra una sola vez; guárdelo:`);
      console.log(token);
    } else if (cmd === 'list') {
      for (const u of await listUsers(client)) {
        console.log([u.email, u.activo ? 'activo' : 'DESACTIVADO', u.roles.join(',') || '-', u.dependencias.join('; ') || '-'].join('\t'));
      }
    } else if (cmd === 'disable') {
      const user = await findUser(client, { email });
      if (!user) throw new UsageError(`No existe el usuario ${email}.`);
      const ended = await audited(client, async () => {
        await updateUser(client, user.id, { activo: false });
        return deleteUserSessions(client, user.id);
      });
      console.log(`Usuario ${user.email} desactivado; ${ended} sesiones cerradas. Sus tokens dejan de valer.`);
    } else {
      throw new UsageError(`Orden desconocida «${cmd}».\n${USAGE}`);
    }
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(e.message);
  process.exit(e instanceof UsageError ? 2 : 1);
});
