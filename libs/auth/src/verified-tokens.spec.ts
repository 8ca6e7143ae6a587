import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens', () => {
  const claims = (exp?: number) => ({ sub: 'u1', exp });

  it('answers a remembered token until the second it expires, then forgets it', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>();
    tokens.remember('t', claims(1_000));
    expect(tokens.get('t', 999)).toEqual(claims(1_000));
    expect(tokens.get('t', 1_000)).toBeUndefined();
    expect(tokens.get('t', 999)).toBeUndefined(); // gone, not only hidden
  });

  it('never answers a token it was not given, or one without an expiry', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>();
    tokens.remember('forever', claims());
    expect(tokens.get('forever', 0)).toBeUndefined();
    expect(tokens.get('other', 0)).toBeUndefined();
  });

  it('lets the oldest go past 10,000 tokens', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>();
    for (let i = 0; i <= 10_000; i++) tokens.remember(`t${i}`, claims(1_000));
    expect(tokens.get('t0', 0)).toBeUndefined();
    expect(tokens.get('t1', 0)).toBeDefined();
    expect(tokens.get('t10000', 0)).toBeDefined();
  });
});
