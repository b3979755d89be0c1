import fp from 'fastify-plugin';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { floatTextProblem, integerTextProblem, jsonDepthExceeds, MAX_INTEGER, MAX_JSON_DEPTH, nulPath } from '@sigmun/domain/pg-values';
import { badRequest, HttpError } from '../errors.ts';

type Schema = Record<string, unknown>;
type NumericKind = 'integer' | 'number';

const typesOf = (s: Schema): unknown[] => (Array.isArray(s.type) ? s.type : [s.type]);

/** Calls `fn` on every subschema of `s` (iteratively: schemas are trees built by developers, but cheap to be safe). */
function eachSchema(s: unknown, fn: (s: Schema) => void): void {
  const stack = [s];
  const seen = new Set<unknown>();
  while (stack.length) {
    const x = stack.pop();
    if (!x || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    if (Array.isArray(x)) {
      stack.push(...x);
      continue;
    }
    fn(x as Schema);
    for (const k of ['properties', 'patternProperties']) {
      const props = (x as Schema)[k];
      if (props && typeof props === 'object') stack.push(...Object.values(props));
    }
    for (const k of ['items', 'prefixItems', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'not', 'then', 'else', 'if']) stack.push((x as Schema)[k]);
  }
}

/** Bounds every integer of a request schema that has no bound of its own to ±MAX_INTEGER (inside int8, exact in JS). */
function boundIntegers(schema: unknown): void {
  eachSchema(schema, (s) => {
    if (!typesOf(s).includes('integer')) return;
    if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = MAX_INTEGER;
    if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = -MAX_INTEGER;
  });
}

/** The numeric top-level parameters of a querystring/params schema (also arrays of numbers), checked as text. */
function numericParams(schema: unknown): Map<string, NumericKind> {
  const out = new Map<string, NumericKind>();
  const props = (schema as Schema | undefined)?.properties as Record<string, Schema> | undefined;
  for (const [name, p] of Object.entries(props ?? {})) {
    let kind: NumericKind | null = null;
    eachSchema(p, (s) => {
      const t = typesOf(s);
      if (t.includes('integer')) kind ??= 'integer';
      else if (t.includes('number')) kind = 'number';
    });
    if (kind) out.set(name, kind);
  }
  return out;
}

/** Why a raw query/path value cannot be the number its schema asks for, or null. */
function numericProblem(kind: NumericKind, text: string): string | null {
  return kind === 'integer' ? integerTextProblem(text) : floatTextProblem(text);
}

/**
 * The one validation layer between the network and PostgreSQL (its rules live in packages/domain/src/pg-values.ts):
 * - JSON bodies nested deeper than MAX_JSON_DEPTH are refused before parsing (no stack overflow downstream);
 * - a NUL character anywhere in a path, query or body value (text columns cannot hold it) is refused;
 * - numeric query/path values must be decimal text PostgreSQL reads the same way ("0x1F", "0b101", BOM+"1",
 *   "1e-400" and "Infinity" are not), and every integer schema without its own bounds gets ±MAX_INTEGER;
 * - the `date`/`date-time` formats accept only real calendar days in years 0001–9999 (see app.ts, ajv onCreate).
 * Each refusal is a 400 problem naming the parameter.
 */
export default fp(
  async (app: FastifyInstance) => {
    const numeric = new Map<string, { query: Map<string, NumericKind>; params: Map<string, NumericKind> }>();
    const routeKey = (method: string | string[], url: string) => `${[method].flat().join(',')} ${url}`;
    app.addHook('onRoute', (route: RouteOptions) => {
      const schema = route.schema as Record<string, unknown> | undefined;
      if (!schema) return;
      for (const part of ['querystring', 'params', 'body', 'headers']) boundIntegers(schema[part]);
      numeric.set(routeKey(route.method, route.url), { query: numericParams(schema.querystring), params: numericParams(schema.params) });
    });

    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      const text = body as string;
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
        done(new HttpError(400, `El cuerpo JSON anida más de ${MAX_JSON_DEPTH} niveles de listas u objetos.`, 'body'), undefined);
        return;
      }
      parseJson(req, text, done);
    });

    app.addHook('preValidation', async (req) => {
      for (const [where, values] of [['path', req.params], ['query', req.query]] as const) {
        if (!values || typeof values !== 'object') continue;
        for (const [name, raw] of Object.entries(values as Record<string, unknown>)) {
          for (const v of Array.isArray(raw) ? raw : [raw]) {
            if (typeof v !== 'string') continue;
            if (v.includes('\u0000') || name.includes('\u0000')) throw badRequest(name, `El parámetro "${name}" (${where}) contiene un carácter nulo.`);
            // Coercion turns "1e309" into Infinity, which passes numeric bounds and then breaks SQL or serialisation.
            if (v.trim() !== '' && Math.abs(Number(v)) === Infinity) throw badRequest(name, `Parámetro "${name}" fuera de rango: ${v.slice(0, 40)}`);
          }
        }
      }
      const route = numeric.get(routeKey(req.routeOptions.method, req.routeOptions.url ?? ''));
      if (route) {
        for (const [part, values] of [[route.params, req.params], [route.query, req.query]] as const) {
          for (const [name, kind] of part) {
            const raw = (values as Record<string, unknown> | undefined)?.[name];
            for (const v of Array.isArray(raw) ? raw : [raw]) {
              if (typeof v !== 'string') continue;
              const problem = numericProblem(kind, v);
              if (problem) throw badRequest(name, `Parámetro "${name}" inválido: «${v.slice(0, 40)}» ${problem}.`);
            }
          }
        }
      }
      if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
        const at = nulPath(req.body);
        if (at !== null) throw badRequest(at.split('/')[0] || 'body', `El campo "${at}" del cuerpo contiene un carácter nulo.`);
      }
    });
  },
  { name: 'validation' },
);
