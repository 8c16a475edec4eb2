/**
 * Voice (issue 13, part 5): push to talk in the widget and the hosted chat page. A recording is
 * transcribed through the tenant's provider (the `openai` SDK's transcription call: OpenAI, or a
 * local whisper.cpp / faster-whisper-server / LocalAI), the transcript goes to the agent like a typed
 * message (`ConversationsService.receive`, with the call log in the message's meta: transcript,
 * durationMs, audioType, audioBytes, transcriptionModel; intent and sentiment are the message's own
 * columns), and the replies are spoken by the provider's speech model when it has one, else by the
 * browser. The host serves it at `POST /api/public/channels/<publicId>/voice` and the audio at
 * `GET /api/public/channels/<publicId>/audio/<id>` (main/host/public-voice.ts).
 *
 * Refusals (`{ error: { code, reason } }`): CONFLICT `voice_unavailable` (the tenant has no
 * transcription provider), CONFLICT `voice_off` (switched off on the channel), VALIDATION
 * `unsupported_media_type` / `body_too_large` / `audio_unreadable` / `no_speech`, UNAVAILABLE
 * `transcription_failed` (the server failed: its words are logged as a kind, never shown), and the
 * conversation's own (`conversation_not_found`, `agent_unavailable`, `message_too_long` ...).
 */
export {
  audioPath,
  createPublicVoiceDoor,
  type PublicVoiceDoor,
  type PublicVoiceReply,
  type VoiceProvider,
  type VoiceProviders,
  type VoiceRequest,
} from './voice-door';
export {
  audioDurationMs,
  looksLike,
  maxVoiceBytes,
  voiceAudioType,
  voiceAudioTypes,
  type VoiceAudioType,
} from './audio';
export { ClipStore, type Clip } from './clips';
