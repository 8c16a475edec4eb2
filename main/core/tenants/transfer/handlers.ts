import type { HandlerMap } from '../../context';
import { AppError } from '../../lib/errors';

type TransferMethods = 'tenants.export' | 'tenants.exportChunk' | 'tenants.importChunk' | 'tenants.import';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Tenant transfer is not built yet.');
};

export const tenantTransferHandlers: Pick<HandlerMap, TransferMethods> = {
  'tenants.export': notYet,
  'tenants.exportChunk': notYet,
  'tenants.importChunk': notYet,
  'tenants.import': notYet,
};
