import { z } from 'zod';

const adminRoutes = z.array(
  z.object({ method: z.string().regex(/^[A-Z]+$/), path: z.string().startsWith('/') }),
);

const schema = z.object({
  JWKS_URL: z.url(),
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  /** JSON list of the operations the contract opens to admins only: [{"method":"POST","path":"/v1/products"}]. */
  ADMIN_ROUTES: z
    .string()
    .default('[]')
    .transform((raw, ctx) => {
      try {
        return adminRoutes.parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON list of {method, path}' });
        return z.NEVER;
      }
    }),
});

export type AuthorizerConfig = Readonly<z.output<typeof schema>>;
export type AdminRoute = AuthorizerConfig['ADMIN_ROUTES'][number];

/** Reads the authorizer's configuration from the environment; fails naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AuthorizerConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid authorizer configuration: ${issues}`);
  }
  return Object.freeze(result.data);
}
