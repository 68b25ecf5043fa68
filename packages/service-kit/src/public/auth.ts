// Who is calling: bearer tokens of shoppers and admins, and the internal key between services.
export {
  bearerToken,
  createTokenVerifier,
  requireRole,
  type Principal,
  type Role,
  type TokenVerifier,
} from '../auth.js';
export { internalApiKeys, LOCAL_INTERNAL_API_KEY } from '../config.js';
