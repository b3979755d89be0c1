/** An error that carries its HTTP status and, for a 4xx, the parameter at fault; rendered as problem+json. */
export class HttpError extends Error {
  constructor(
    public readonly statusCode: number,
    message: string,
    public readonly parameter?: string,
    /** More members of the problem document (e.g. `errores`, the list of a form's broken rules). */
    public readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (parameter: string, message: string) => new HttpError(400, message, parameter);
export const notFound = (message: string) => new HttpError(404, message);

/** A 400 carrying every broken rule of a form (`errores`, as in FormProblem); the problem names the first field. */
export class FormError extends HttpError {
  constructor(errores: ReadonlyArray<{ field: string; message: string }>) {
    super(400, errores.map((e) => e.message).join(' '), errores[0]?.field, { errores });
  }
}
