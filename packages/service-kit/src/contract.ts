import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';

/**
 * An initialised openapi-backend for a contract (file path or document): request validation with
 * all errors and type coercion of parameters, response validation, and the string formats
 * (email, date-time, uri, …) checked. Services and contract tests validate the same way.
 */
export async function loadContract(definition: string | object): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: definition as string,
    strict: true,
    coerceTypes: true,
    ajvOpts: { allErrors: true },
    customizeAjv: (ajv) => {
      addFormats.default(ajv, ['email', 'date-time', 'date', 'uri', 'uuid']);
      return ajv;
    },
  });
  await api.init();
  return api;
}
