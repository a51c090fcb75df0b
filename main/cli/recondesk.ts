/** Command-line entry: `npm run --silent recondesk -- <command>`. */
import { consoleOutput } from './output';
import { run } from './run';

process.exitCode = await run(process.argv.slice(2), consoleOutput);
