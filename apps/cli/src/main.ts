import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfigOrExit, repoPath } from '@app/common';
import { buildSchemaSdl } from '../../api/src/schema-sdl.js';
import { calendarRefreshCommand } from './calendar-refresh-command.js';
import { importCommand } from './import-command.js';
import { setupCommand } from './setup-command.js';
import { migrateCommand, seedCommand, startCommand } from './start-command.js';

const [command, ...args] = process.argv.slice(2);

switch (command) {
  case 'migrate': {
    const applied = await migrateCommand(loadConfigOrExit());
    console.log(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}`);
    break;
  }
  case 'setup':
    process.exitCode = await setupCommand(loadConfigOrExit());
    break;
  case 'seed':
    await seedCommand(loadConfigOrExit());
    break;
  case 'start':
    await startCommand(loadConfigOrExit());
    break;
  case 'calendar-refresh':
    await calendarRefreshCommand(loadConfigOrExit());
    break;
  case 'import':
    process.exitCode = importCommand(args);
    break;
  case 'schema':
    writeFileSync(repoPath('schema.gql'), await buildSchemaSdl());
    console.log('schema.gql written');
    break;
  default:
    console.error('usage: luoshi <migrate|setup|seed|start|calendar-refresh|import FILE…|schema>');
    process.exitCode = 64;
}
