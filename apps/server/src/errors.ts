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
