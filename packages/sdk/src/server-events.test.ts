import { describe, expect, it } from 'vitest';
import { ServerEventReader } from './server-events.js';

const STREAM =
  ': keep-alive\r\n\r\nevent: delta\ndata: {"text":"给你挑了"}\n\nevent: delta\r\ndata: {"text":"两条。"}\r\n\r\n' +
  'data: line one\ndata: line two\n\nevent: message\ndata:{"reply":"ok"}\n\nevent: unfinished\ndata: x';

describe('ServerEventReader', () => {
  it('reads the same events however the stream is cut into pieces', () => {
    const whole = new ServerEventReader().push(STREAM);
    expect(whole).toEqual([
      { event: 'delta', data: '{"text":"给你挑了"}' },
      { event: 'delta', data: '{"text":"两条。"}' },
      { event: 'message', data: 'line one\nline two' },
      { event: 'message', data: '{"reply":"ok"}' },
    ]);
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const reader = new ServerEventReader();
      expect([...reader.push(STREAM.slice(0, cut)), ...reader.push(STREAM.slice(cut))]).toEqual(whole);
    }
    const reader = new ServerEventReader();
    expect([...STREAM].flatMap((c) => reader.push(c))).toEqual(whole);
  });
});
