// What the hooks do, as a module: fixtures, the case for each transaction, the outcomes file.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildCases } from './cases.mjs';
import { api, createProduct, login, placeOrder, registerCustomer } from './shop.mjs';

// Dredd names a transaction "<path> > <summary> > <status> > <media type>"; the bundle Dredd
// reads maps path and method to the operationId the case table is keyed by.
const contract = JSON.parse(
  readFileSync(new URL('../../../contracts/dist/shopeasy.openapi.json', import.meta.url), 'utf8'),
);
const operationId = (t) =>
  contract.paths[t.name.split(' > ')[0]]?.[t.request.method.toLowerCase()]?.operationId;

/** Two accounts, a product in stock and a scarce one, a paid, a cancelled and a shipped order, a review. */
async function makeFixtures() {
  const admin = await login(process.env.DREDD_ADMIN_EMAIL, process.env.DREDD_ADMIN_PASSWORD);
  const customer = await registerCustomer();
  const category = (await api('GET', '/v1/categories?limit=1', { expect: 200 })).json.items[0];
  const product = await createProduct(admin.accessToken, category.id, 1000);
  const scarce = await createProduct(admin.accessToken, category.id, 1);
  const order = await placeOrder(customer.accessToken, product.id);
  const cancelledOrder = await placeOrder(customer.accessToken, product.id);
  await api('POST', `/v1/orders/${cancelledOrder.id}/cancel`, { token: customer.accessToken, expect: 200 });
  const shippedOrder = await placeOrder(customer.accessToken, product.id);
  await api('POST', `/v1/orders/${shippedOrder.id}/ship`, { token: admin.accessToken, expect: 200 });
  const review = (
    await api('POST', `/v1/products/${product.id}/reviews`, {
      token: customer.accessToken,
      body: { rating: 4, title: 'Fixture review', body: 'Written by the contract gate before its run.' },
      expect: 202,
    })
  ).json;
  return { admin, customer, category, product, scarce, order, cancelledOrder, shippedOrder, review };
}

let cases;
let setupError;

export async function beforeAll() {
  try {
    cases = buildCases(await makeFixtures());
  } catch (error) {
    setupError = error;
  }
}

/** Prepares a transaction, or skips it when the table has no way to cause its status. */
export async function beforeEach(t) {
  if (setupError) {
    t.fail = `fixtures could not be made: ${setupError.message}`;
    return;
  }
  const prepare = cases[`${operationId(t)} ${t.expected.statusCode}`];
  if (!prepare) {
    t.skip = true;
    return;
  }
  try {
    await prepare(t);
  } catch (error) {
    t.fail = `fixture for this transaction failed: ${error.message}`;
  }
}

// Gavel compares Content-Type verbatim; Express adds "; charset=utf-8" to the media type the
// contract names. Accept that parameter, and only when the media type itself matches.
export function beforeEachValidation(t) {
  const actual = t.real.headers['content-type'];
  const expected = t.expected.headers['Content-Type'];
  if (actual && expected && actual.split(';')[0].trim() === expected)
    t.expected.headers['Content-Type'] = actual;
}

// What ran, per operation and status, for the gate's summary line (Dredd's own report names
// transactions by the example URI, not by operation).
export function afterAll(transactions) {
  const outcomes = transactions.map((t) => ({
    operationId: operationId(t),
    status: Number(t.expected.statusCode),
    result: t.test ? t.test.status : 'skip',
  }));
  if (process.env.DREDD_OUTCOMES_FILE)
    writeFileSync(process.env.DREDD_OUTCOMES_FILE, JSON.stringify(outcomes, null, 2));
}
