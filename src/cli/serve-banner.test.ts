import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serveBanner, shellQuote } from './serve-banner.js';

const demo = {
  adminKey: 'dg_adm_x',
  publicKey: 'dg_pub_y',
  summary: 'loaded',
  sampleItemId: "x';touch /tmp/pwned;'$(id)",
  sampleCustomerId: 'C 1;`id`',
};

describe('serveBanner', () => {
  it('quotes store ids so pasting a sample command runs only curl', () => {
    const lines = serveBanner('http://localhost:7070', 'sqlite:x', demo);
    const itemLine = lines.find((l) => l.includes('/v1/items/'))!;
    // The shell reads the line back as exactly the words meant: no command substitution, no second command.
    const words = execFileSync('sh', ['-c', `for w in ${itemLine.trim().slice('curl '.length)}; do echo "$w"; done`], {
      encoding: 'utf8',
    });
    expect(words.trim().split('\n')).toEqual([
      '-H',
      'Authorization: Bearer dg_adm_x',
      `http://localhost:7070/v1/items/${encodeURIComponent(demo.sampleItemId)}`,
    ]);
    expect(lines.join('\n')).not.toContain('$(id)');
  });

  it('round-trips any word through a shell', () => {
    for (const word of ["it's", 'a b', '$HOME', '`x`', '"q"', "\\'", '']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
    }
  });
});
