import type { Language } from './texts';

/** Push to talk needs MediaRecorder and getUserMedia (absent on old browsers and insecure pages). */
export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

export interface Recording {
  /** Stops and answers the recorded audio. */
  stop(): Promise<Blob>;
  /** Stops and throws the audio away. */
  cancel(): void;
}

const formats = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** Asks for the microphone (the browser may ask the visitor) and starts recording. */
export async function record(): Promise<Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const mimeType = formats.find((type) => MediaRecorder.isTypeSupported?.(type));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  const release = () => stream.getTracks().forEach((track) => track.stop());
  recorder.start();
  return {
    stop: () =>
      new Promise<Blob>((resolve) => {
        recorder.onstop = () => {
          release();
          resolve(new Blob(chunks, { type: (recorder.mimeType || mimeType || 'audio/webm').split(';')[0] }));
        };
        if (recorder.state === 'inactive') recorder.onstop(new Event('stop'));
        else recorder.stop();
      }),
    cancel: () => {
      recorder.onstop = release;
      if (recorder.state !== 'inactive') recorder.stop();
      else release();
    },
  };
}

const locales: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', nb: 'nb-NO' };

/** Says `text` with the browser's own speech synthesis (works offline), in a voice of `language`. */
export function speak(text: string, language: string): boolean {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return false;
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locales[base as Language] ?? language;
  const prefixes = base === 'nb' ? ['nb', 'no'] : [base];
  const voice = speechSynthesis
    .getVoices()
    .find((v) => prefixes.some((prefix) => v.lang.toLowerCase().startsWith(prefix)));
  if (voice) utterance.voice = voice;
  speechSynthesis.cancel();
  speechSynthesis.speak(utterance);
  return true;
}

/**
 * Plays the server's spoken reply to its end (fetched without cookies, with the visitor token it
 * was made for); answers false when it could not be fetched or played, so the browser's own voice
 * can say it instead.
 */
export async function play(url: string, visitorToken?: string): Promise<boolean> {
  let source = '';
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      mode: 'cors',
      ...(visitorToken ? { headers: { 'x-visitor-token': visitorToken } } : {}),
    });
    if (!response.ok) return false;
    source = URL.createObjectURL(await response.blob());
    const audio = new Audio(source);
    const ended = new Promise((resolve) => {
      audio.onended = resolve;
      audio.onerror = resolve;
    });
    await audio.play();
    await ended;
    return true;
  } catch {
    return false;
  } finally {
    if (source) URL.revokeObjectURL(source);
  }
}
