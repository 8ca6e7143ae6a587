import { describe, expect, it } from '@jest/globals';
import { parseStorageUrl } from './s3.storage.js';

describe('parseStorageUrl', () => {
  it('reads a MinIO endpoint with keys in the URL, path-style by default', () => {
    expect(
      parseStorageUrl('s3://AKIA:s%2Fcret@evidence/luoshi/files?endpoint=http://127.0.0.1:9000&region=cn-north-1'),
    ).toEqual({
      bucket: 'evidence',
      prefix: 'luoshi/files',
      endpoint: 'http://127.0.0.1:9000',
      region: 'cn-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 's/cret' },
    });
  });

  it('leaves AWS itself to virtual-hosted requests and the SDK credential chain', () => {
    const location = parseStorageUrl('s3://evidence?region=ap-east-1');
    expect(location).toMatchObject({ bucket: 'evidence', prefix: '', region: 'ap-east-1', forcePathStyle: false });
    expect(location.credentials).toBeUndefined();
    expect(location.endpoint).toBeUndefined();
  });
});
