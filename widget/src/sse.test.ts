import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from './sse';

const parseAll = (pieces: string[]): SseEvent[] => {
  const parser = new SseParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
};

const stream =
  'event: start\ndata: {"conversationId":"c1","visitorToken":"t1"}\n\n' +
  'event: delta\ndata: {"text":"Hel"}\n\n' +
  ': a comment the server sends to keep the connection open\n\n' +
  'event: delta\r\ndata: {"text":"lo, æøå 🚲"}\r\n\r\n' +
  'event: reply\rdata: {"text":"Hello, æøå 🚲"}\r\r' +
  'event: done\ndata: {}\n\n';

const expected: SseEvent[] = [
  { event: 'start', data: '{"conversationId":"c1","visitorToken":"t1"}' },
  { event: 'delta', data: '{"text":"Hel"}' },
  { event: 'delta', data: '{"text":"lo, æøå 🚲"}' },
  { event: 'reply', data: '{"text":"Hello, æøå 🚲"}' },
  { event: 'done', data: '{}' },
];

describe('SseParser', () => {
  it('reads named events with LF, CRLF and CR line ends, skipping comments', () => {
    expect(parseAll([stream])).toEqual(expected);
  });

  it('gives the same events however the stream is cut into pieces', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 30 }),
        (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), stream.length];
          const pieces = at.slice(1).map((end, i) => stream.slice(at[i], end));
          expect(parseAll(pieces)).toEqual(expected);
        },
      ),
    );
  });

  it('treats a CR at the end of one piece and an LF at the start of the next as one line end', () => {
    expect(parseAll(['event: delta\r', '\ndata: {"text":"a"}\r', '\n\r', '\n'])).toEqual([
      { event: 'delta', data: '{"text":"a"}' },
    ]);
  });

  it('joins data lines, defaults the name to message, keeps a colon inside the value', () => {
    expect(parseAll(['data: one\ndata:two\ndata: a: b\n\n'])).toEqual([
      { event: 'message', data: 'one\ntwo\na: b' },
    ]);
  });

  it('dispatches nothing for an event without data or one the stream never closed', () => {
    expect(parseAll(['event: done\n\n', 'id: 4\nretry: 10\n\n', 'event: delta\ndata: {"text":"cut'])).toEqual(
      [],
    );
  });

  it('forgets the event name after each event', () => {
    expect(parseAll(['event: delta\ndata: 1\n\ndata: 2\n\n'])).toEqual([
      { event: 'delta', data: '1' },
      { event: 'message', data: '2' },
    ]);
  });
});
