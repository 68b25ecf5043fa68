// Errors of the AWS SDK recognised by name, so that duplicate SDK copies still match.

export function isConditionFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** A transaction cancelled because one of its conditions did not hold. */
export function isTransactionConditionFailed(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] } | null;
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

/** Runs a conditional write; undefined instead of an error when its condition did not hold. */
export async function unlessConditionFails<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}
