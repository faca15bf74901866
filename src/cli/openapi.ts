// `npm run openapi`: writes the OpenAPI document the code generates to openapi/openapi.json.
import { writeFileSync } from 'node:fs';
import { renderOpenApi } from '../operations/openapi-document.js';

const target = process.argv[2] ?? 'openapi/openapi.json';
writeFileSync(target, await renderOpenApi());
process.stdout.write(`Wrote ${target}\n`);
