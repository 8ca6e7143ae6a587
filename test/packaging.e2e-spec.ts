import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

// The container files are checked here because Docker does not run everywhere the tests do:
// the compose file's shape, the variables .env.example lists against those the code reads, and that
// the runtime stage (production dependencies only) has every package and file the built apps need.
const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  volumes?: string[];
  env_file?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
};
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const luoshi = ['migrate', 'api', 'worker'] as const;

/** The browser console and its bundler config: built in the build stage, never run by node. */
const browserOnly = [join('apps', 'web', 'src'), join('apps', 'web', 'vite.config.ts')];

/** Every .ts file under `dir` that node runs: no specs, nothing of the browser's. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (browserOnly.includes(path)) return [];
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.(e2e-)?spec\.ts$/.test(name) ? [path] : [];
  });
}
const serverSources = [...sources('apps'), ...sources('libs')];

describe('docker-compose.yml', () => {
  it('runs the image, never the checkout: no build, no bind mount', () => {
    const image = services.api!.image;
    expect(image).toMatch(/luoshi/);
    for (const name of luoshi) {
      expect(services[name]!.image).toBe(image);
      expect(services[name]!.build).toBeUndefined();
      expect(services[name]!.env_file).toEqual(['.env']);
    }
    for (const [name, service] of Object.entries(services))
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        expect({ name, source, named: source in compose.volumes }).toEqual({ name, source, named: true });
      }
  });

  it('publishes ports on loopback only', () => {
    const ports = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+(-\d+)?:\d+$/);
  });

  it('runs setup once, then two API replicas and the worker after it succeeded', () => {
    expect(services.migrate!.command).toEqual(['dist/apps/cli/src/main.js', 'setup']);
    expect(services.api!.deploy?.replicas).toBe(2);
    for (const name of ['api', 'worker'])
      expect(services[name]!.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(services.worker!.command).toEqual(['dist/apps/worker/src/main.js']);
  });

  it('keeps PostgreSQL 15 and Redis 7 (append-only) on volumes', () => {
    expect(services.postgres!.image).toBe('postgres:15');
    expect(services.postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(services.redis!.image).toBe('redis:7');
    const command = services.redis!.command!;
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    expect(services.redis!.volumes).toEqual(['redis-data:/data']);
  });

  it('validates with docker compose config where the plugin exists', () => {
    let version: string;
    try {
      version = execFileSync('docker', ['compose', 'version'], { encoding: 'utf8', stdio: 'pipe' });
    } catch {
      console.log('docker compose is not installed here: `docker compose config` skipped, the file parsed above');
      return;
    }
    expect(version).toMatch(/version/i);
    const env = { ...process.env, POSTGRES_PASSWORD: 'x' };
    execFileSync('docker', ['compose', '--env-file', '.env.example', '-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: root,
      env,
      stdio: 'pipe',
    });
  });
});

describe('.env.example', () => {
  const listed = new Set([...read('.env.example').matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
  const config = read('libs/common/src/config.ts');
  const declared = [...config.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
  const readByCode = new Set([
    ...declared,
    ...serverSources.flatMap((f) => [...read(f).matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)].map((m) => m[1]!)),
  ]);
  // Read by docker compose itself (${NAME} in the file), not by luoshi's code.
  const readByCompose = new Set([...read('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));

  it('lists every variable the code reads', () => {
    expect(declared.length).toBeGreaterThan(20);
    expect([...readByCode].filter((name) => !listed.has(name))).toEqual([]);
  });

  it('lists nothing that nothing reads', () => {
    const unread = [...listed].filter((name) => !readByCode.has(name) && !readByCompose.has(name));
    expect(unread).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const ignored = read('.dockerignore')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));

  it('copies only files that exist in the build context', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    expect(copies).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'seeds']));
    for (const path of copies) {
      expect({ path, exists: existsSync(join(root, path)) }).toEqual({ path, exists: true });
      expect({ path, ignored: ignored.includes(path) }).toEqual({ path, ignored: false });
    }
  });

  it('runs as a non-root user under tini, with a healthcheck on /health', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["tini", "--", "node"\]$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/health/m);
    expect(runtime).toMatch(/--omit=dev|--from=deps/);
    // What the built apps read at run time: the console, the seeds (setup, seed), the compiled migrations.
    for (const path of ['./dist/apps', './dist/libs', './dist/web', './seeds', './node_modules'])
      expect(runtime).toContain(` ${path}\n`);
  });

  it('carries the SQL files of every lib, which the migrations read at run time', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    const sqlDirs = readdirSync(join(root, 'libs'))
      .map((lib) => `libs/${lib}/sql`)
      .filter((dir) => existsSync(join(root, dir)));
    expect(sqlDirs.length).toBeGreaterThan(0);
    for (const dir of sqlDirs) expect(runtime).toContain(`COPY ${dir} ./${dir}\n`);
  });

  it('has every package the server code imports among the production dependencies', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    for (const file of serverSources) {
      // Type-only imports vanish from the build; everything else is loaded at run time.
      for (const m of read(file).matchAll(
        /^(?:import|export)(?! type )[^'"]*?from '([^'.][^']*)'|^import '([^'.][^']*)'/gm,
      )) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('node:') || spec.startsWith('@app/') || builtins.has(spec)) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!(name in pkg.dependencies)) missing.add(`${name} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
