import { ValidationContext, type OpenAPIBackend } from 'openapi-backend';

/** What a service is about to answer: status, media type of the body (none without one), body. */
export interface Answer {
  status: number;
  mediaType?: string;
  body?: unknown;
}

type ValidateFunction = ReturnType<ReturnType<OpenAPIBackend['validator']['getAjv']>['compile']>;

interface DeclaredResponse {
  content?: Record<string, { schema?: object }>;
}

/** Lists how an answer breaks its operation's declared responses; empty when it honours them. */
export type ResponseCheck = (operationId: string, answer: Answer) => string[];

/**
 * One check for every answer, handler reply or thrown problem: the status is declared (exactly,
 * as `4XX` or as `default`), so is the media type, and the body matches that media type's schema.
 * Every operation's responses are looked up, and their schemas compiled, here and not per answer.
 */
export function responseCheck(api: OpenAPIBackend): ResponseCheck {
  const ajv = api.validator.getAjv(ValidationContext.Response);
  const compiled = new Map<object, ValidateFunction>();
  const declaredBy = new Map<string, Record<string, DeclaredResponse>>();
  for (const operation of api.getOperations()) {
    const responses = (operation.responses ?? {}) as Record<string, DeclaredResponse>;
    declaredBy.set(operation.operationId ?? '', responses);
    for (const declared of Object.values(responses))
      for (const { schema } of Object.values(declared.content ?? {}))
        if (schema && !compiled.has(schema)) compiled.set(schema, ajv.compile(schema));
  }
  return (operationId, { status, mediaType, body }) => {
    const responses = declaredBy.get(operationId) ?? {};
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) return [`status ${status} is not declared`];
    const content = declared.content ?? {};
    if (body === undefined) {
      return Object.keys(content).length > 0 ? [`status ${status} declares a body and none was sent`] : [];
    }
    const media = content[mediaType ?? ''];
    if (!media) return [`${mediaType ?? 'a body'} is not declared for status ${status}`];
    if (!media.schema) return [];
    const validate = compiled.get(media.schema)!;
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? 'is not valid'}`);
  };
}
