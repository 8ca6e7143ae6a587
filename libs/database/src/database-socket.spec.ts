import { databaseUrlOverSocket } from './database-socket.js';

describe('databaseUrlOverSocket', () => {
  const tcp = 'postgres://luoshi@127.0.0.1:5432/luoshi';

  it('keeps the URL when off, or when it already names a host in ?host=', async () => {
    expect(await databaseUrlOverSocket(tcp, 'off')).toBe(tcp);
    const named = `${tcp}?host=%2Fsrv%2Fpg`;
    expect(await databaseUrlOverSocket(named, 'auto')).toBe(named);
    expect(await databaseUrlOverSocket(named, '/var/run/postgresql')).toBe(named);
  });

  it('names the given directory, keeping user, port and database', async () => {
    const url = new URL(await databaseUrlOverSocket(tcp, '/srv/pg'));
    expect(url.searchParams.get('host')).toBe('/srv/pg');
    expect([url.username, url.port, url.pathname]).toEqual(['luoshi', '5432', '/luoshi']);
  });

  it('leaves a remote server on TCP in auto', async () => {
    const remote = 'postgres://luoshi@db.example:5432/luoshi';
    expect(await databaseUrlOverSocket(remote, 'auto')).toBe(remote);
  });

  it('keeps TCP in auto when no socket of that port exists', async () => {
    const elsewhere = 'postgres://luoshi@127.0.0.1:1/luoshi';
    expect(await databaseUrlOverSocket(elsewhere, 'auto')).toBe(elsewhere);
  });
});
