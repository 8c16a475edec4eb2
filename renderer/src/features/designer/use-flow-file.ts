import { useState, type ChangeEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastStore } from '../../stores/toast-store';
import { useDesignerStore } from './designer-store';
import { exportFileName, parseFlowJson, type ImportError } from './import-flow';

/**
 * The flow as a JSON file: download it, or replace it with one the user chooses (checked first) in
 * the hidden file input `fileInput`.
 */
export function useFlowFile(agentName: string, fileInput: RefObject<HTMLInputElement | null>) {
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [importErrors, setImportErrors] = useState<{ file: string; errors: ImportError[] } | null>(null);

  const exportFlow = () => {
    const flow = useDesignerStore.getState().flow();
    const blob = new Blob([`${JSON.stringify(flow, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(agentName);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const importFile = async (file: File) => {
    if (file.size > 5_000_000) {
      setImportErrors({ file: file.name, errors: [{ path: '', code: 'tooLong', detail: '5 MB' }] });
      return;
    }
    const result = parseFlowJson(await file.text());
    if (!result.ok) {
      setImportErrors({ file: file.name, errors: result.errors });
      return;
    }
    useDesignerStore.getState().replaceFlow(result.flow);
    showToast('success', t('designer.import.done', { count: result.flow.nodes.length, file: file.name }));
  };

  return {
    exportFlow,
    /** Opens the file input's chooser; `onFileChosen` is its change handler. */
    chooseFile: () => fileInput.current?.click(),
    onFileChosen: (event: ChangeEvent<HTMLInputElement>) => {
      const file = event.target.files?.[0];
      event.target.value = '';
      if (file) void importFile(file);
    },
    importErrors,
    clearImportErrors: () => setImportErrors(null),
  };
}
