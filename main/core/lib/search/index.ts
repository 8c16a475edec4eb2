export {
  Bm25Index,
  type Bm25Hit,
  type Bm25Options,
  type Bm25SearchOptions,
  type FieldText,
  type FieldValue,
} from './bm25';
export { ftsQuery } from './fts';
