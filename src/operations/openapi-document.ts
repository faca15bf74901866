// The OpenAPI document as committed in openapi/openapi.json: built from an app on an empty
// in-memory database, so it depends on the code alone.
import { buildApp } from '../app.js';
import { defaultConfig } from '../config.js';

export async function renderOpenApi(): Promise<string> {
  const app = await buildApp({
    config: defaultConfig({ DATABASE_PATH: ':memory:', DEMO_CONTENT: false, LOG_LEVEL: 'silent' }),
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
