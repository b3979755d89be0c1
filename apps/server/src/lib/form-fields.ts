// Text fields of a multipart form, checked against the route's TypeBox schema (multipart bodies skip Fastify's
// JSON validation, so the same schema is applied here) with the error naming the field.
import type { Static, TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { HttpError } from '../errors.ts';

const compiled = new WeakMap<TObject, TypeCheck<TObject>>();

/** Converts `raw` (strings) to the schema's types, drops empty optional fields, validates; 400 naming the field otherwise. */
export function parseFields<T extends TObject>(schema: T, raw: Record<string, string>): Static<T> {
  const known = new Set(Object.keys(schema.properties));
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new HttpError(400, `Campo desconocido «${k}»; se aceptan: ${[...known].join(', ')}.`, k);
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v.trim() !== '' || (schema.required ?? []).includes(k)) cleaned[k] = v;
  const value = Value.Convert(schema, cleaned);
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = TypeCompiler.Compile(schema)));
  const err = check.Errors(value).First();
  if (err) {
    const field = err.path.replace(/^\//, '').split('/')[0] || (schema.required ?? []).find((k) => !(k in cleaned)) || 'formulario';
    throw new HttpError(400, `Campo «${field}» inválido: ${err.message}`, field);
  }
  return value as Static<T>;
}
