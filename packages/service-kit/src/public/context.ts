// The request being served: its id, principal and deadline, wherever the code runs.
export { currentContext, runCancellable, runWithContext } from '../context.js';
