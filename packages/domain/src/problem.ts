// RFC 9457 problem details, as every error of the API is rendered (apps/server/src/plugins/errors.ts).
import { Type, type Static } from '@sinclair/typebox';

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  /** The query, path or body parameter at fault, when there is one. */
  parameter: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
});
export type Problem = Static<typeof Problem>;
