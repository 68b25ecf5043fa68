#!/usr/bin/env node
// Prints a new signing key set for the secret shopeasy/<env>/jwt-signing-key (lib/functions/signing-key-set.ts):
// a current and a next private EC P-256 JWK (ES256, kid = thumbprint) and the published public keys.
// The stack generates the first set and rotates it; use this only to replace a leaked set at once
// (runbook rotate-signing-key). Pipe it straight into Secrets Manager; never store it in a file:
//   node --import tsx infra/scripts/generate-signing-key.mjs |
//     aws secretsmanager put-secret-value --secret-id shopeasy/<env>/jwt-signing-key --secret-string file:///dev/stdin
// With --jwk it prints one private JWK, for JWT_SIGNING_KEY on a laptop.
import { initialKeySet, newSigningJwk } from '../lib/functions/signing-key-set.ts';

const output = process.argv.includes('--jwk') ? await newSigningJwk() : await initialKeySet();
process.stdout.write(JSON.stringify(output));
