/**
 * Channels (issue 13): how customers reach a deployed agent — the website chat (widget and hosted
 * page, `kind: 'web'`) and an e-mail mailbox (`kind: 'email'`, its transport in ./email/ reads
 * `emailSettings`). A channel belongs to one agent of one tenant; its `publicId` is its handle in
 * public URLs. Customers' messages do not come here: every transport hands them to the
 * conversations domain (`ConversationsService.receive`, see ../conversations/index.ts).
 */
export {
  ChannelsService,
  importedPublicId,
  isOpen,
  newPublicId,
  type ChannelAgents,
  type ChannelOfTenant,
} from './service';
export { channelsHandlers } from './handlers';
export {
  EmailChannels,
  defaultTiming as defaultEmailTiming,
  type TransportTiming as EmailTransportTiming,
} from './email';
