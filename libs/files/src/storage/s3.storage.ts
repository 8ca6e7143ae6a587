import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { NotFoundError } from '@app/common';
import type { ByteRange, FileStorage } from './file-storage.js';

/** What STORAGE_URL says: s3://[key:secret@]bucket[/prefix]?endpoint=http://minio:9000&region=…&pathStyle=1 */
export interface S3Location {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function parseStorageUrl(storageUrl: string): S3Location {
  const url = new URL(storageUrl);
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  const credentials =
    url.username && url.password
      ? { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) }
      : undefined; // else the SDK's own chain: AWS_ACCESS_KEY_ID…, profiles, instance roles
  return {
    bucket: url.hostname,
    prefix: url.pathname.replace(/^\/+|\/+$/g, ''),
    endpoint,
    region: url.searchParams.get('region') ?? process.env.AWS_REGION ?? 'us-east-1',
    // MinIO and most S3-compatible stores answer only path-style requests.
    forcePathStyle: (url.searchParams.get('pathStyle') ?? (endpoint ? '1' : '0')) === '1',
    credentials,
  };
}

/** An S3-compatible object store (AWS S3, MinIO, OSS/COS in S3 mode): one object per SHA-256. */
export class S3Storage implements FileStorage {
  readonly name = 's3';
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    this.client = new S3Client({
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.forcePathStyle,
      credentials: location.credentials,
    });
  }

  private key(sha256: string): string {
    return this.location.prefix ? `${this.location.prefix}/${sha256}` : sha256;
  }

  async put(_m: unknown, sha256: string, content: Buffer): Promise<void> {
    const Key = this.key(sha256);
    const exists = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key })).then(
      () => true,
      () => false,
    );
    if (!exists) await this.client.send(new PutObjectCommand({ Bucket: this.location.bucket, Key, Body: content }));
  }

  async read(sha256: string, range?: ByteRange): Promise<Buffer> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.location.bucket,
          Key: this.key(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') throw new NotFoundError('File', sha256);
      throw error;
    }
  }

  async remove(sha256s: string[]): Promise<void> {
    for (let i = 0; i < sha256s.length; i += 1000)
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.location.bucket,
          Delete: { Objects: sha256s.slice(i, i + 1000).map((s) => ({ Key: this.key(s) })) },
        }),
      );
  }
}
