import { isInternalAddress, publicAddresses, WebhookAddressRefused } from './webhook-address.js';

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.31.255.1',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('counts %s as internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['93.184.215.14', '1.1.1.1', '2606:4700::1111', '::ffff:93.184.215.14'])('counts %s as public', (address) =>
    expect(isInternalAddress(address)).toBe(false),
  );

  it('refuses a name when any of its addresses is internal (a second record pointing inside)', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.8', family: 4 },
    ];
    await expect(publicAddresses('hooks.example.com', false, resolve)).rejects.toBeInstanceOf(WebhookAddressRefused);
    await expect(publicAddresses('hooks.example.com', true, resolve)).resolves.toHaveLength(2);
  });

  it('refuses a name that resolves to nothing, and tells nothing of the host', async () => {
    const error = await publicAddresses('intranet.corp', false, async () => []).catch((e: Error) => e);
    expect(error).toBeInstanceOf(WebhookAddressRefused);
    expect((error as Error).message).not.toContain('intranet');
  });
});
