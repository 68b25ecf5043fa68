// Identifiers: a prefix and a ULID, sortable by creation time.
export { newId } from '../ids.js';
