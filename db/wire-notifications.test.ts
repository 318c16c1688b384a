import { describe, expect, it } from 'vitest';
import { NotificationScanner } from './wire-notifications';

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'ascii');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function notification(channel: string, payload: string): Buffer {
  const pid = Buffer.alloc(4);
  pid.writeInt32BE(42);
  return message('A', Buffer.concat([pid, Buffer.from(`${channel}\0${payload}\0`)]));
}

const stream = Buffer.concat([
  message('C', Buffer.from('COMMIT\0')),
  notification('claims_changed', 'org-1'),
  message('Z', Buffer.from('I')),
  notification('other', ''),
]);

function scan(chunks: Buffer[]) {
  const seen: Array<[string, string]> = [];
  const scanner = new NotificationScanner((channel, payload) => seen.push([channel, payload]));
  for (const chunk of chunks) scanner.push(chunk);
  return seen;
}

describe('NotificationScanner', () => {
  it('finds notifications between other messages', () => {
    expect(scan([stream])).toEqual([
      ['claims_changed', 'org-1'],
      ['other', ''],
    ]);
  });

  it('finds the same notifications however the stream is split', () => {
    for (let size = 1; size < stream.length; size++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < stream.length; at += size) chunks.push(stream.subarray(at, at + size));
      expect(scan(chunks)).toEqual([
        ['claims_changed', 'org-1'],
        ['other', ''],
      ]);
    }
  });

  it('ignores a stream without notifications', () => {
    expect(scan([message('T', Buffer.alloc(30)), message('D', Buffer.alloc(100))])).toEqual([]);
  });
});
