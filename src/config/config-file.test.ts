import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { environmentWithFile, fileKeyOf, knownSettings } from './config-file.js';

const write = (content: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'daogou-config-')), 'daogou.json');
  writeFileSync(file, content);
  return file;
};

describe('configuration file', () => {
  it('names each setting after its environment variable in camelCase', () => {
    expect(fileKeyOf('DAOGOU_RATE_LIMIT_PUBLIC')).toBe('rateLimitPublic');
    expect(fileKeyOf('PORT')).toBe('port');
    expect(knownSettings()).toEqual(expect.arrayContaining(['DAOGOU_DATABASE_URL', 'PORT', 'DAOGOU_CORS_ORIGINS']));
  });

  it('reads settings from the file, with the environment winning', () => {
    const file = write(
      JSON.stringify({
        databaseUrl: 'postgres://db/shop',
        port: 8080,
        corsOrigins: ['https://a.example', 'https://b.example'],
      }),
    );
    const config = loadConfig(environmentWithFile(file, { PORT: '9090' }), '/srv');
    expect(config.databaseUrl).toBe('postgres://db/shop');
    expect(config.port).toBe(9090);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('loads the example in deploy/', () => {
    const example = path.join(import.meta.dirname, '../../deploy/daogou.example.json');
    const config = loadConfig(environmentWithFile(example, {}));
    expect(config).toMatchObject({ port: 7070, publicUrl: 'https://shop-ai.example.com', dataDir: '/var/lib/daogou' });
  });

  it('refuses unknown keys, bad JSON and values that are not settings, naming the problem', () => {
    expect(() => environmentWithFile(write('{"databaseURL": "x"}'), {})).toThrow(/unknown setting "databaseURL"/);
    expect(() => environmentWithFile(write('{"port": '), {})).toThrow(/cannot read the configuration file/);
    expect(() => environmentWithFile(write('[1]'), {})).toThrow(/must hold a JSON object/);
    expect(() => environmentWithFile(write('{"port": {"a": 1}}'), {})).toThrow(/"port" .* must be a string/);
    expect(() => loadConfig(environmentWithFile(write('{"port": -1}'), {}))).toThrow(/PORT must be a non-negative/);
  });
});
