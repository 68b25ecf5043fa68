import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface ObjectRestore {
  readonly bucket: string;
  readonly key: string;
  readonly versioned: boolean;
  readonly expected: string;
  readonly restored: string;
  readonly ms: number;
}

const sha = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 16);

async function read(s3: S3Client, bucket: string, key: string): Promise<string> {
  const found = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await found.Body?.transformToString()) ?? '';
}

/**
 * Writes a probe object of the drill's own (never a live asset), overwrites it, and restores the
 * previous version by copying it over the current one; then removes every version of the probe.
 */
export async function restoreObjectVersion(
  s3: S3Client,
  bucket: string,
  runId: string,
): Promise<ObjectRestore> {
  return restoreProbe(s3, bucket, runId);
}

/**
 * The emulator's plain http cannot satisfy the bucket policy's deny of non-TLS requests (moto
 * cannot tell, and denies): there the policy is lifted for the drill and put back after it.
 */
export async function restoreObjectVersionLocally(
  s3: S3Client,
  bucket: string,
  runId: string,
): Promise<ObjectRestore> {
  const policy = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket })).then(
    (found) => found.Policy,
    () => undefined,
  );
  if (policy) await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  try {
    return await restoreProbe(s3, bucket, runId);
  } finally {
    if (policy) await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
  }
}

async function restoreProbe(s3: S3Client, bucket: string, runId: string): Promise<ObjectRestore> {
  const key = `dr-drill/${runId}.json`;
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const good = JSON.stringify({ probe: runId, state: 'as recorded' });
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: good }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"state":"overwritten"}' }));
  const started = performance.now();
  const restored = await s3
    .send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: `${bucket}/${encodeURIComponent(key)}?versionId=${encodeURIComponent(put.VersionId ?? 'null')}`,
      }),
    )
    .then(() => read(s3, bucket, key))
    .catch((error: Error) => `(${error.name})`);
  const ms = performance.now() - started;
  const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
  for (const version of [...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])]) {
    if (version.Key === key)
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: version.VersionId }));
  }
  return {
    bucket,
    key,
    versioned: versioning.Status === 'Enabled',
    expected: sha(good),
    restored: sha(restored),
    ms,
  };
}
