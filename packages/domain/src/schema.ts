// Small TypeBox helpers shared by the domain schemas.
import { Type, type TLiteral, type TSchema, type TUnion, type SchemaOptions } from '@sinclair/typebox';

/** A string restricted to `values`: a union of literals, so that the static type is the union of the values. */
export const StringEnum = <const T extends readonly string[]>(values: T, opts: SchemaOptions = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), opts) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;

/** `T | null`. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
