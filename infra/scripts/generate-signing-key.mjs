#!/usr/bin/env node
// Prints a new private EC P-256 JWK (ES256, kid = its thumbprint) for the users service's
// JWT_SIGNING_KEY secret. Pipe it straight into Secrets Manager; never store it in a file:
//   node infra/scripts/generate-signing-key.mjs |
//     aws secretsmanager put-secret-value --secret-id shopeasy/<env>/jwt-signing-key --secret-string file:///dev/stdin
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const jwk = await exportJWK(privateKey);
const kid = await calculateJwkThumbprint(jwk);
process.stdout.write(JSON.stringify({ ...jwk, kid, alg: 'ES256', use: 'sig' }));
