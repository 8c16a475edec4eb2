import {
  ApiError,
  ChannelApi,
  maxMessageLength,
  type ChannelSettings,
  type ConversationMessage,
  type Reply,
  type Role,
} from './api';
import { defaultColour, parseHex, textOn, toHex, withContrast } from './colour';
import { chooseLanguage, format, languageOf } from './language';
import type { PageTouch } from './touch';
import { forgetVisitor, loadVisitor, saveVisitor, type KeyValueStore, type Visitor } from './storage';
import { css } from './styles';
import { texts, type Language, type TextKey, type Texts } from './texts';
import { canRecord, play, record, speak, type Recording } from './voice';

/** `bubble`: a launcher and a panel over any page. `page`: the hosted chat page, the panel filling it. */
export type Mode = 'bubble' | 'page';

export interface MountOptions {
  publicId: string;
  /** Where the public API is: the origin the widget's script came from. */
  origin: string;
  mode: Mode;
  /** localStorage (the visitor), sessionStorage (whether the panel was open); null when refused. */
  storage: KeyValueStore | null;
  session: KeyValueStore | null;
  /** The browser's preferred languages (navigator.languages). */
  preferred: readonly string[];
  /** Told the language chosen and the channel (the hosted page sets its lang and title). */
  onReady?(language: Language, settings: ChannelSettings, t: Texts): void;
  /** Where the page came from (UTM tags, referrer host): sent with the first message of this page load. */
  touch?: PageTouch;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** How often the widget looks for a person's answer while the conversation waits for one. */
const pollEvery = 15_000;
/** How often while a person handles the conversation: their replies show within a couple of seconds. */
const pollPersonEvery = 2_000;

/** Icons as path data (24×24, stroked), built with createElementNS: no innerHTML, so Trusted Types pages work too. */
const icons = {
  chat: ['M7.9 20A9 9 0 1 0 4 16.1L2 22Z'],
  close: ['M18 6 6 18', 'm6 6 12 12'],
  send: [
    'M14.5 21.7a.5.5 0 0 0 .9 0l6.5-19a.5.5 0 0 0-.6-.6l-19 6.5a.5.5 0 0 0 0 .9l7.9 3.2a2 2 0 0 1 1.1 1.1z',
    'm21.9 2.1-11 11',
  ],
  mic: ['M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3Z', 'M19 10v2a7 7 0 0 1-14 0v-2', 'M12 19v3'],
  stop: ['M7 7h10v10H7z'],
  up: [
    'M7 10v12',
    'M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8a2 2 0 0 1-1.9 1.4H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9Z',
  ],
  down: [
    'M17 14V2',
    'M9 18.1 10 14H4.2a2 2 0 0 1-1.9-2.6l2.3-8A2 2 0 0 1 6.5 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.8a2 2 0 0 0-1.8 1.1L12 22a3.1 3.1 0 0 1-3-3.9Z',
  ],
};

function icon(name: keyof typeof icons): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  for (const [key, value] of Object.entries({
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
    focusable: 'false',
  }))
    svg.setAttribute(key, value);
  for (const d of icons[name]) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** A small element builder: attributes (false/undefined left out) and children. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(key, '');
    else if (typeof value === 'string') element.setAttribute(key, value);
  }
  element.append(...children);
  return element;
}

/** Text with its web addresses as links (opened in a new tab, without the page as opener). */
function linkified(text: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g)) {
    parts.push(text.slice(last, match.index));
    parts.push(el('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]));
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** The stylesheet in the shadow root: a constructed sheet (no inline <style>, so a page's CSP has nothing to refuse), else a <style>. */
function adoptStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', {}, css));
  }
}

/** Mounts the widget for a channel; answers once its settings are loaded (or it gave up). */
export async function mount(options: MountOptions): Promise<void> {
  const { publicId, mode } = options;
  const host = document.createElement('mindframe-chat');
  host.setAttribute('data-channel', publicId);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  document.body.append(host);
  const api = new ChannelApi(options.origin, publicId);
  let settings: ChannelSettings;
  try {
    settings = await api.settings();
  } catch (error) {
    if (mode === 'page') {
      const t = texts[chooseLanguage({}, options.preferred)];
      const problem = error instanceof ApiError ? error.problem : 'failed';
      root.append(
        el('main', { class: 'mf page' }, el('p', { class: 'system', role: 'alert' }, t[problem] ?? t.failed)),
      );
    } else {
      host.remove();
      console.warn(`Mindframe chat: channel ${publicId} could not be loaded.`);
    }
    return;
  }
  let current: Widget;
  const start = (chosen: Language | null, focusLanguage: boolean) => {
    root.replaceChildren();
    current = new Widget(root, api, settings, options, chosen, focusLanguage, start);
  };
  start(loadLanguage(options.storage, publicId, settings), false);
  addEventListener('offline', () => current.offline(true));
  addEventListener('online', () => current.offline(false));
}

const languageKey = (publicId: string) => `mf-language:${publicId}`;

/** The language the visitor chose in this channel's widget before (on purpose), if the channel still offers it. */
function loadLanguage(
  store: KeyValueStore | null,
  publicId: string,
  settings: ChannelSettings,
): Language | null {
  try {
    const value = languageOf(store?.getItem(languageKey(publicId)));
    return value && settings.languages.map(languageOf).includes(value) ? value : null;
  } catch {
    return null;
  }
}

/** Each language named in itself, for the language choice. */
const languageNames: Record<Language, string> = { en: 'English', nl: 'Nederlands', nb: 'Norsk' };

class Widget {
  private readonly t: Texts;
  private readonly language: Language;
  private readonly name: string;
  private visitor: Visitor | null;
  /** The page's touch until a message carried it. */
  private touch: PageTouch | undefined;
  /** The language the conversation was pinned to (by the server), for speaking replies. */
  private conversationLanguage: string | null = null;
  private restored = false;
  /** The conversation waits for a person: the widget looks for their answer while it is open. */
  private waiting = false;
  /** A person handles the conversation (after a hand-off): look for their replies often. */
  private person = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private agentReplied = false;
  private recording: Recording | null = null;
  private recordTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly rootEl: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement | null;
  private readonly log: HTMLElement;
  private readonly rate: HTMLElement;
  private readonly error: HTMLElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly mic: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly picker: HTMLSelectElement | null;

  constructor(
    root: ShadowRoot,
    private readonly api: ChannelApi,
    private readonly settings: ChannelSettings,
    private readonly options: MountOptions,
    /** The language the visitor chose on purpose (sent with each message: the conversation follows it). */
    private readonly chosen: Language | null,
    focusLanguage: boolean,
    relaunch: (chosen: Language, focusLanguage: boolean) => void,
  ) {
    this.language = chosen ?? chooseLanguage(settings, options.preferred);
    this.t = texts[this.language];
    this.name = settings.name || this.t.conversation;
    this.visitor = loadVisitor(options.storage, options.publicId);
    this.touch = options.touch;
    const t = this.t;
    const page = options.mode === 'page';

    const accent = parseHex(settings.colour) ?? defaultColour;
    this.rootEl = el('div', { class: `mf ${options.mode}`, lang: this.language });
    this.rootEl.style.setProperty('--mf-accent', toHex(accent));
    this.rootEl.style.setProperty('--mf-on-accent', textOn(accent));
    this.rootEl.style.setProperty('--mf-ring', toHex(withContrast(accent, [255, 255, 255], 3)));

    const titleId = 'mf-title';
    const logo = settings.logoUrl
      ? el('img', { class: 'logo', src: new URL(settings.logoUrl, options.origin).href, alt: '' })
      : null;
    const close = page
      ? null
      : el('button', { type: 'button', class: 'close', 'aria-label': t.closeChat }, icon('close'));
    const offered = [...new Set(settings.languages.map(languageOf))].filter((l): l is Language => l !== null);
    const picker =
      offered.length > 1
        ? el(
            'select',
            { class: 'lang', 'aria-label': t.language },
            ...offered.map((language) =>
              el(
                'option',
                { value: language, lang: language, selected: language === this.language },
                languageNames[language],
              ),
            ),
          )
        : null;
    picker?.addEventListener('change', () => {
      const language = languageOf(picker.value);
      if (!language || language === this.language) return;
      try {
        options.storage?.setItem(languageKey(options.publicId), language);
      } catch {
        // chosen for this page only
      }
      this.stopRecording(false);
      relaunch(language, true);
    });
    this.picker = picker;
    const head = el(
      'div',
      { class: 'head' },
      ...(logo ? [logo] : []),
      el(
        'div',
        { class: 'title' },
        el(page ? 'h1' : 'h2', { id: titleId }, this.name),
        el('p', {}, settings.open ? t.open : t.closedNow),
      ),
      ...(close ? [close] : []),
    );

    this.log = el('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': t.conversation,
      tabindex: '0',
    });
    this.rate = el('div', { class: 'rate', hidden: true });
    this.error = el('p', { class: 'error', role: 'alert', hidden: true });
    // always in place (empty, it takes no room), so screen readers hear what is put in it
    this.status = el('p', { class: 'status', role: 'status' });
    this.input = el('textarea', {
      id: 'mf-input',
      rows: '1',
      placeholder: t.placeholder,
      autocomplete: 'off',
      enterkeyhint: 'send',
      'aria-describedby': 'mf-count',
    });
    this.mic = el('button', { type: 'button', class: 'icon mic', 'aria-label': t.talk }, icon('mic'));
    this.mic.hidden = !(settings.voice && canRecord());
    this.send = el('button', { type: 'submit', class: 'icon send', 'aria-label': t.send }, icon('send'));
    // not live (it would speak at every key): the message box points at it instead
    this.count = el('p', { class: 'count', id: 'mf-count', hidden: true });
    const form = el(
      'form',
      { class: 'composer' },
      el('label', { class: 'sr', for: 'mf-input' }, t.yourMessage),
      this.input,
      this.mic,
      this.send,
    );

    this.panel = page
      ? el('main', { class: 'panel', 'aria-labelledby': titleId })
      : el('section', { class: 'panel', id: 'mf-panel', role: 'dialog', 'aria-labelledby': titleId });
    this.panel.append(head, this.log, this.rate, this.error, this.status, form, this.count);
    if (picker) this.panel.append(el('div', { class: 'foot' }, picker));
    this.rootEl.append(this.panel);

    this.launcher = page
      ? null
      : el(
          'button',
          {
            type: 'button',
            class: 'launcher',
            'aria-label': t.openChat,
            'aria-expanded': 'false',
            'aria-controls': 'mf-panel',
          },
          icon('chat'),
        );
    if (this.launcher) {
      this.panel.hidden = true;
      this.rootEl.append(this.launcher);
      this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open(true) : this.close()));
      close?.addEventListener('click', () => this.close());
      this.panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          this.close();
        }
      });
    }
    root.append(this.rootEl);

    this.greet();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
    this.input.addEventListener('input', () => this.typed());
    this.wireMic();

    options.onReady?.(this.language, settings, t);
    if (page) void this.restore();
    else if (this.options.session?.getItem(this.openKey) === '1') this.open(false);
    if (focusLanguage) this.picker?.focus();
  }

  /** The browser lost or found its connection. */
  offline(lost: boolean): void {
    if (lost) this.showError('offline');
    else if (this.error.dataset.problem === 'offline') this.showError(null);
  }

  private get openKey(): string {
    return `mf-open:${this.options.publicId}`;
  }

  // ---- opening and closing (bubble mode) ----

  private open(focus: boolean): void {
    this.panel.hidden = false;
    this.rootEl.classList.add('opened');
    this.launcher?.setAttribute('aria-expanded', 'true');
    this.launcher?.setAttribute('aria-label', this.t.closeChat);
    this.launcher?.replaceChildren(icon('close'));
    try {
      this.options.session?.setItem(this.openKey, '1');
    } catch {
      // remembered for this page only
    }
    if (focus) this.input.focus();
    this.scrollDown(true);
    void this.restore();
    this.wait(this.waiting);
  }

  private close(): void {
    if (!this.launcher) return;
    this.stopRecording(false);
    clearTimeout(this.pollTimer);
    this.panel.hidden = true;
    this.rootEl.classList.remove('opened');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', this.t.openChat);
    this.launcher.replaceChildren(icon('chat'));
    try {
      this.options.session?.removeItem(this.openKey);
    } catch {
      // nothing remembered
    }
    this.launcher.focus();
  }

  // ---- the thread ----

  private greet(): void {
    this.log.replaceChildren();
    this.addMessage('agent', this.settings.greeting || this.t.greeting, { thread: false });
    if (!this.settings.open) this.addMessage('system', this.t.closed, { note: true });
  }

  /** The conversation this visitor had, from the server (once, when the panel first opens). */
  private async restore(): Promise<void> {
    if (this.restored || !this.visitor) return;
    this.restored = true;
    const { conversationId, visitorToken } = this.visitor;
    const loading = this.addMessage('system', this.t.loading);
    try {
      const conversation = await this.api.conversation(conversationId, visitorToken);
      loading.remove();
      if (!conversation) {
        // gone (deleted, or not this visitor's): start afresh, keeping nothing that pointed at it
        this.visitor = null;
        forgetVisitor(this.options.storage, this.options.publicId);
        return;
      }
      this.conversationLanguage = conversation.language || null;
      for (const message of conversation.messages) this.addMessage(message.role, message.text);
      this.agentReplied = conversation.messages.some((m: ConversationMessage) => m.role !== 'customer');
      this.showRating();
      this.scrollDown(true);
      this.person = conversation.handler === 'person';
      this.wait(conversation.status === 'waiting_for_person' || this.person);
    } catch (error) {
      loading.remove();
      this.restored = false;
      this.showError(error instanceof ApiError ? error.problem : 'failed');
    }
  }

  /**
   * A message in the log. `thread`: one of the conversation's own messages as the server keeps them
   * (not the greeting or a note of the widget's), counted to tell which messages the server has that
   * the log does not show yet.
   */
  private addMessage(
    role: Role,
    text: string,
    options: { note?: boolean; thread?: boolean } = {},
  ): HTMLElement {
    const stick = this.nearBottom();
    const speaker = role === 'customer' ? this.t.you : role === 'system' ? '' : this.name;
    const bubble = el('div', {
      class: `msg ${role}${options.note ? ' note' : ''}`,
      'data-thread': options.thread !== false && role !== 'system' ? '' : undefined,
    });
    if (speaker) bubble.append(el('span', { class: 'sr' }, `${speaker}: `));
    bubble.append(el('p', {}, ...linkified(text)));
    this.log.append(bubble);
    this.scrollDown(stick);
    return bubble;
  }

  private setText(bubble: HTMLElement, text: string): void {
    const stick = this.nearBottom();
    bubble.querySelector('p')?.replaceChildren(...linkified(text));
    this.scrollDown(stick);
  }

  private typingBubble(): HTMLElement {
    const bubble = el('div', { class: 'msg agent' });
    bubble.append(
      el('span', { class: 'sr' }, format(this.t.typing, { name: this.name })),
      el('span', { class: 'dots', 'aria-hidden': 'true' }, el('i'), el('i'), el('i')),
    );
    const stick = this.nearBottom();
    this.log.append(bubble);
    this.scrollDown(stick);
    return bubble;
  }

  private nearBottom(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 60;
  }

  private scrollDown(really: boolean): void {
    if (really) this.log.scrollTop = this.log.scrollHeight;
  }

  private remember(ids: { conversationId: string; visitorToken: string }): void {
    const same = this.visitor?.conversationId === ids.conversationId;
    this.visitor = {
      conversationId: ids.conversationId,
      visitorToken: ids.visitorToken,
      ...(same && this.visitor?.rated ? { rated: true } : {}),
    };
    this.restored = true;
    saveVisitor(this.options.storage, this.options.publicId, this.visitor);
  }

  // ---- waiting for a person ----

  /**
   * While the conversation waits for a person and the chat is in view, looks for new messages now
   * and then (a person's answer, or the agent's), and shows them.
   */
  private wait(waiting: boolean, after?: number): void {
    this.waiting = waiting;
    clearTimeout(this.pollTimer);
    if (waiting && !this.panel.hidden)
      this.pollTimer = setTimeout(
        () => void this.poll(),
        after ?? (this.person ? pollPersonEvery : pollEvery),
      );
  }

  private async poll(): Promise<void> {
    if (!this.visitor || this.panel.hidden || this.busy) return this.wait(this.waiting);
    try {
      const conversation = await this.api.conversation(
        this.visitor.conversationId,
        this.visitor.visitorToken,
      );
      if (!conversation) return this.wait(false);
      const shown = this.log.querySelectorAll('[data-thread]').length;
      const added = conversation.messages.slice(shown);
      for (const message of added) this.addMessage(message.role, message.text);
      if (added.some((message) => message.role !== 'customer')) {
        this.agentReplied = true;
        this.showRating();
      }
      this.person = conversation.handler === 'person';
      this.wait(conversation.status === 'waiting_for_person' || this.person);
    } catch {
      this.wait(this.waiting);
    }
  }

  // ---- writing ----

  private typed(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 140)}px`;
    const left = maxMessageLength - this.input.value.length;
    this.count.hidden = left > 400;
    this.count.classList.toggle('over', left < 0);
    this.count.textContent =
      left < 0
        ? format(this.t.tooLong, { max: maxMessageLength })
        : format(this.t.charsLeft, { count: left });
    if (left >= 0 && this.error.dataset.problem === 'tooLong') this.showError(null);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.send.setAttribute('aria-disabled', String(busy));
    this.log.setAttribute('aria-busy', String(busy));
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (this.busy || !text) return;
    if (text.length > maxMessageLength) return this.showError('tooLong');
    this.showError(null);
    this.input.value = '';
    this.typed();
    this.addMessage('customer', text);
    this.setBusy(true);
    try {
      await this.exchange(text, true);
    } finally {
      this.setBusy(false);
    }
  }

  /** Sends a message and shows the answer as it streams in. */
  private async exchange(text: string, retry: boolean): Promise<void> {
    let bubble: HTMLElement | null = this.typingBubble();
    let streamed = '';
    let started = false;
    let replied = false;
    try {
      await this.api.send(
        {
          text,
          ...(this.visitor
            ? { conversationId: this.visitor.conversationId, visitorToken: this.visitor.visitorToken }
            : {}),
          ...(this.chosen ? { language: this.chosen } : {}),
          ...(this.touch ? { touch: this.touch } : {}),
        },
        {
          start: (ids) => {
            started = true;
            this.touch = undefined;
            this.remember(ids);
          },
          delta: (piece) => {
            if (!bubble || !bubble.querySelector('p')) {
              bubble?.remove();
              bubble = this.addMessage('agent', '');
            }
            streamed += piece;
            this.setText(bubble, streamed);
          },
          reply: (whole) => {
            if (bubble?.querySelector('p')) this.setText(bubble, whole);
            else {
              bubble?.remove();
              this.addMessage('agent', whole);
            }
            bubble = null;
            streamed = '';
            replied = true;
            this.agentReplied = true;
          },
        },
      );
      if (bubble && !(bubble as HTMLElement).querySelector('p')) (bubble as HTMLElement).remove();
      if (streamed) this.agentReplied = true;
      const unanswered = !streamed && !replied;
      // the agent could not answer (a person takes over) or the business is closed: a person answers here later
      if (unanswered && !this.person) this.addMessage('system', this.t.handedOver, { note: true });
      this.showRating();
      // look again soon: the answer may have handed the conversation to a person, who answers here
      this.wait(true, pollPersonEvery);
    } catch (error) {
      if (bubble && !(bubble as HTMLElement).querySelector('p')) (bubble as HTMLElement).remove();
      const problem = error instanceof ApiError ? error.problem : 'failed';
      // the remembered conversation is gone: once, start a new one with the same message
      if (retry && !started && problem === 'unavailable' && this.visitor) {
        this.visitor = null;
        forgetVisitor(this.options.storage, this.options.publicId);
        // what the log shows of the old one is no longer the server's thread
        const sent = this.log.lastElementChild;
        for (const old of this.log.querySelectorAll('[data-thread]'))
          if (old !== sent) old.removeAttribute('data-thread');
        return this.exchange(text, false);
      }
      if (!started) {
        // nothing reached the agent: give the visitor their text back to send again
        const last = this.log.lastElementChild;
        if (last?.classList.contains('customer')) last.remove();
        if (!this.input.value) this.input.value = text;
        this.typed();
      }
      this.showError(problem);
    }
  }

  private showError(problem: TextKey | null): void {
    this.error.hidden = problem === null;
    this.error.textContent = problem ? format(this.t[problem], { max: maxMessageLength }) : '';
    if (problem) this.error.dataset.problem = problem;
    else delete this.error.dataset.problem;
  }

  // ---- rating ----

  private showRating(): void {
    if (!this.agentReplied || !this.visitor || this.visitor.rated || !this.rate.hidden) return;
    const button = (rating: 'up' | 'down') => {
      const b = el(
        'button',
        { type: 'button', 'aria-label': rating === 'up' ? this.t.rateUp : this.t.rateDown },
        icon(rating),
      );
      b.addEventListener('click', () => void this.rateWith(rating));
      return b;
    };
    this.rate.replaceChildren(el('span', {}, this.t.ratePrompt), button('up'), button('down'));
    this.rate.hidden = false;
  }

  private async rateWith(rating: 'up' | 'down'): Promise<void> {
    if (!this.visitor) return;
    try {
      await this.api.rate(this.visitor.conversationId, this.visitor.visitorToken, rating);
      this.visitor = { ...this.visitor, rated: true };
      saveVisitor(this.options.storage, this.options.publicId, this.visitor);
      this.rate.replaceChildren(el('span', {}, this.t.rated));
      this.status.textContent = this.t.rated;
      this.input.focus();
      setTimeout(() => {
        this.rate.hidden = true;
        if (this.status.textContent === this.t.rated) this.status.textContent = '';
      }, 4000);
    } catch (error) {
      this.showError(error instanceof ApiError ? error.problem : 'failed');
    }
  }

  // ---- voice ----

  private wireMic(): void {
    let pressedAt = 0;
    this.mic.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      if (this.recording) void this.stopRecording(true);
      else {
        pressedAt = Date.now();
        void this.startRecording();
      }
    });
    const release = () => {
      // held down (push to talk): letting go sends; a short tap keeps recording until the next tap
      if (this.recording && pressedAt && Date.now() - pressedAt > 400) void this.stopRecording(true);
      pressedAt = 0;
    };
    this.mic.addEventListener('pointerup', release);
    this.mic.addEventListener('pointercancel', release);
    this.mic.addEventListener('click', (event) => {
      // a pointer's click was handled by its pointerdown; the keyboard's (Enter, Space) has no detail:
      // press once to talk, again to send
      if (event.detail !== 0) return;
      if (this.recording) void this.stopRecording(true);
      else void this.startRecording();
    });
  }

  private async startRecording(): Promise<void> {
    if (this.recording || this.busy) return;
    this.showError(null);
    try {
      this.recording = await record();
    } catch {
      this.showError('micBlocked');
      return;
    }
    this.mic.classList.add('on');
    this.mic.setAttribute('aria-label', this.t.stopAndSend);
    this.mic.replaceChildren(icon('stop'));
    this.status.textContent = this.t.listening;
    this.recordTimer = setTimeout(() => void this.stopRecording(true), 60_000);
  }

  private async stopRecording(sendIt: boolean): Promise<void> {
    const recording = this.recording;
    if (!recording) return;
    this.recording = null;
    clearTimeout(this.recordTimer);
    this.mic.classList.remove('on');
    this.mic.setAttribute('aria-label', this.t.talk);
    this.mic.replaceChildren(icon('mic'));
    this.status.textContent = '';
    if (!sendIt) return recording.cancel();
    const audio = await recording.stop();
    await this.sendVoice(audio);
  }

  private async sendVoice(audio: Blob): Promise<void> {
    this.setBusy(true);
    const typing = this.typingBubble();
    try {
      const answer = await this.api.voice(
        audio,
        this.visitor
          ? { conversationId: this.visitor.conversationId, visitorToken: this.visitor.visitorToken }
          : {},
      );
      typing.remove();
      this.remember(answer);
      if (!answer.transcript?.trim()) return this.showError('voiceNotHeard');
      this.addMessage('customer', answer.transcript);
      for (const reply of answer.replies ?? []) this.addMessage('agent', reply.text);
      this.agentReplied ||= (answer.replies ?? []).length > 0;
      this.showRating();
      await this.say(answer.replies ?? []);
    } catch (error) {
      typing.remove();
      const problem = error instanceof ApiError ? error.problem : 'failed';
      this.showError(problem);
      if (problem === 'voiceUnavailable') {
        // said why; typing goes on
        const hadFocus = (this.rootEl.getRootNode() as ShadowRoot).activeElement === this.mic;
        this.mic.hidden = true;
        if (hadFocus) this.input.focus();
      }
    } finally {
      this.setBusy(false);
    }
  }

  /** The replies out loud: the server's audio when it made some, else the browser's own voice. */
  private async say(replies: Reply[]): Promise<void> {
    if (!this.conversationLanguage && this.visitor) {
      try {
        const conversation = await this.api.conversation(
          this.visitor.conversationId,
          this.visitor.visitorToken,
        );
        this.conversationLanguage = conversation?.language || null;
      } catch {
        // the widget's language will do
      }
    }
    const unspoken: string[] = [];
    for (const reply of replies) {
      const audioUrl = reply.audioUrl ? new URL(reply.audioUrl, this.options.origin).href : null;
      if (!audioUrl || !(await play(audioUrl, this.visitor?.visitorToken))) unspoken.push(reply.text);
    }
    if (unspoken.length > 0) speak(unspoken.join('\n'), this.conversationLanguage ?? this.language);
  }
}
