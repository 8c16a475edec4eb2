import { describe, expect, it } from 'vitest';
import { colourAdvice } from './colour';
import { changeDay, hoursDraft, hoursOf, hoursProblems } from './hours';
import { addTyped, checkOrigin, embedCode, hostedLink, reachOf, shareOrigin } from './origins';

describe('allowed origins', () => {
  it.each([
    ['https://www.pedalco.example', 'https://www.pedalco.example'],
    ['https://www.pedalco.example/', 'https://www.pedalco.example'],
    ['  HTTPS://Shop.Example.COM  ', 'https://shop.example.com'],
    ['https://shop.example.com:8443', 'https://shop.example.com:8443'],
    ['https://shop.example.com:443', 'https://shop.example.com'],
    ['www.sykkel.no', 'https://www.sykkel.no'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['http://shop.localhost', 'http://shop.localhost'],
    ['https://fietsen.nl', 'https://fietsen.nl'],
    ['https://blåbær.no', 'https://xn--blbr-roah.no'],
  ])('takes %s as %s', (typed, origin) => {
    expect(checkOrigin(typed)).toEqual({ origin });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['http://www.pedalco.example', 'insecure'],
    ['http://192.168.1.20', 'insecure'],
    ['https://www.pedalco.example/contact', 'path'],
    ['https://www.pedalco.example?chat=1', 'path'],
    ['https://www.pedalco.example/#top', 'path'],
    ['ftp://files.example.com', 'format'],
    ['javascript:alert(1)', 'format'],
    ['https://', 'format'],
    ['https://user:secret@shop.example.com', 'format'],
    ['https://shop_example.com', 'format'],
    ['https://exa mple.com', 'format'],
  ])('refuses %j: %s', (typed, problem) => {
    expect(checkOrigin(typed)).toEqual({ problem });
  });

  it('refuses an origin the list already has, however it is typed', () => {
    expect(checkOrigin('HTTPS://www.Pedalco.example/', ['https://www.pedalco.example'])).toEqual({
      problem: 'repeated',
    });
  });
});

describe('embed code and link', () => {
  it('names the public origin and the channel, as the widget reads it', () => {
    expect(embedCode('https://chat.sykkel.no', 'Abc123_-xyzXYZ0123456789')).toBe(
      '<script src="https://chat.sykkel.no/widget.js" data-channel="Abc123_-xyzXYZ0123456789" async></script>',
    );
    expect(hostedLink('https://chat.sykkel.no', 'Abc123_-xyzXYZ0123456789')).toBe(
      'https://chat.sykkel.no/c/Abc123_-xyzXYZ0123456789',
    );
  });

  it("uses the public door's address when there is one, else the app's own when it is served", () => {
    const served = { protocol: 'http:', origin: 'http://127.0.0.1:4870' };
    const desktop = { protocol: 'app:', origin: 'null' };
    expect(shareOrigin('https://chat.sykkel.no', served)).toBe('https://chat.sykkel.no');
    expect(shareOrigin(null, served)).toBe('http://127.0.0.1:4870');
    expect(shareOrigin(null, desktop)).toBeNull();
    expect(shareOrigin('http://127.0.0.1:8080', desktop)).toBe('http://127.0.0.1:8080');
  });

  it('tells a public address from one only this computer reaches', () => {
    expect(reachOf(null)).toBe('none');
    expect(reachOf('http://127.0.0.1:8080')).toBe('thisComputer');
    expect(reachOf('http://localhost:8080')).toBe('thisComputer');
    expect(reachOf('https://chat.sykkel.no')).toBe('public');
  });
});

describe('business colour', () => {
  it('warns when the chat button would hardly show on a white page', () => {
    expect(colourAdvice('#ffd200')).toMatchObject({ text: '#000000', lowOnWhite: true });
    expect(colourAdvice('#2563eb')).toMatchObject({ text: '#ffffff', lowOnWhite: false });
    expect(colourAdvice('#0f766e')!.onWhite).toBeGreaterThan(4.5);
    expect(colourAdvice('#ffffff')!.onWhite).toBe(1);
    expect(colourAdvice('blue')).toBeNull();
  });

  it('always has readable text on the colour (white or black, at least 4.5:1)', () => {
    for (const hex of ['#777777', '#ff0000', '#00ff00', '#808000', '#2563eb', '#ffd200'])
      expect(colourAdvice(hex)!.textContrast).toBeGreaterThanOrEqual(4.5);
  });
});

describe('business hours', () => {
  it('starts switched off with a working week ready', () => {
    const draft = hoursDraft(null, 'Europe/Oslo');
    expect(draft.enabled).toBe(false);
    expect(hoursOf(draft)).toBeNull();
    const on = { ...draft, enabled: true };
    expect(hoursOf(on)).toEqual({
      timezone: 'Europe/Oslo',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, open: '09:00', close: '17:00' })),
    });
  });

  it('keeps a day with a break as it was until that day is changed', () => {
    const saved = {
      timezone: 'Europe/Amsterdam',
      days: [
        { day: 'mon' as const, open: '09:00', close: '12:00' },
        { day: 'mon' as const, open: '13:00', close: '17:30' },
        { day: 'sat' as const, open: '10:00', close: '14:00' },
      ],
    };
    const draft = hoursDraft(saved, 'Europe/Oslo');
    expect(draft.days[0]).toMatchObject({ day: 'mon', open: true, from: '09:00', to: '17:30' });
    expect(draft.days[1]).toMatchObject({ day: 'tue', open: false });
    expect(hoursOf(draft)).toEqual(saved);
    const changed = {
      ...draft,
      days: draft.days.map((d, i) => (i === 0 ? changeDay(d, { to: '16:00' }) : d)),
    };
    expect(hoursOf(changed)!.days).toEqual([
      { day: 'mon', open: '09:00', close: '16:00' },
      { day: 'sat', open: '10:00', close: '14:00' },
    ]);
  });

  it('refuses a day that closes before it opens, and a week without an open day', () => {
    const draft = { ...hoursDraft(null, 'UTC'), enabled: true };
    const late = {
      ...draft,
      days: draft.days.map((d) => (d.day === 'tue' ? changeDay(d, { to: '08:00' }) : d)),
    };
    expect(hoursProblems(late)).toEqual({ order: ['tue'], noneOpen: false });
    const closed = { ...draft, days: draft.days.map((d) => changeDay(d, { open: false })) };
    expect(hoursProblems(closed)).toEqual({ order: [], noneOpen: true });
    expect(hoursProblems({ ...closed, enabled: false })).toEqual({ order: [], noneOpen: false });
  });
});

describe('an address typed but not added yet', () => {
  it('joins the list when valid, and stays in its box with the problem when not', () => {
    const list = ['https://www.pedalco.example'];
    expect(addTyped(list, { typed: 'shop.pedalco.example/', problem: null })).toEqual({
      origins: ['https://www.pedalco.example', 'https://shop.pedalco.example'],
      input: { typed: '', problem: null },
    });
    expect(addTyped(list, { typed: 'http://shop.pedalco.example', problem: null })).toEqual({
      origins: list,
      input: { typed: 'http://shop.pedalco.example', problem: 'insecure' },
    });
    expect(addTyped(list, { typed: '  ', problem: null })).toEqual({
      origins: list,
      input: { typed: '', problem: null },
    });
  });
});
