/** Tokens held at most; past it the oldest checked goes first (a city's signed-in users fit many times). */
const MAX_TOKENS = 10_000;

/**
 * Bearer tokens whose signature this process has checked, with their claims, until they expire. The
 * claims of a signed token never change, so checking its HMAC again on each of a user's requests
 * proves nothing new; it took 2 % of an API process's CPU on the task page. Whether the token still
 * holds (user active, token version) is not remembered here: the guard asks UserStatusCache each time.
 */
export class VerifiedTokens<C extends { exp?: number }> {
  private readonly byToken = new Map<string, C & { exp: number }>();

  /** The claims of a token checked before and not expired at `nowSeconds`. */
  get(token: string, nowSeconds: number): C | undefined {
    const claims = this.byToken.get(token);
    if (claims && nowSeconds < claims.exp) return claims;
    if (claims) this.byToken.delete(token);
    return undefined;
  }

  /** Keeps a token whose signature was just checked; one without an expiry is checked every time. */
  remember(token: string, claims: C): void {
    if (claims.exp === undefined) return;
    if (this.byToken.size >= MAX_TOKENS) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, claims as C & { exp: number });
  }
}
