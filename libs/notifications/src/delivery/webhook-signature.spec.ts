import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'a-shared-secret-of-some-length';
  const body = JSON.stringify({ msgtype: 'text', text: { content: '逾期预警' } });

  it('match the HMAC-SHA256 of timestamp and body', () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac a-shared-secret-of-some-length
    expect(signWebhook(secret, '1700000000', '{"a":1}')).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, '1700000000', body, `sha256=${signWebhook(secret, '1700000000', body)}`)).toBe(true);
  });

  it('reject another body, timestamp or secret', () => {
    const signature = signWebhook(secret, '1700000000', body);
    expect(verifyWebhook(secret, '1700000000', `${body} `, signature)).toBe(false);
    expect(verifyWebhook(secret, '1700000001', body, signature)).toBe(false);
    expect(verifyWebhook('another-secret-entirely', '1700000000', body, signature)).toBe(false);
  });
});
