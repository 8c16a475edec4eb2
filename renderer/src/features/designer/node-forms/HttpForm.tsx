import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/Field';
import { httpMethods } from '../../../contract';
import { roleAtLeast, usePermissions } from '../../../lib/permissions';
import type { NodeConfig } from '../flow-meta';
import { ListTextField, numberOr, OutputVariable } from './fields';
import type { FormProps } from './form-props';

const headersToText = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');

function textToHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function HttpForm({ data, readOnly, patch, problem }: FormProps<'http'>) {
  // opening the private network is an admin's decision (the core refuses it from anyone else)
  const mayOpenPrivateNetwork = roleAtLeast(usePermissions().role, 'admin');
  const { t } = useTranslation();
  return (
    <>
      <div className="grid grid-cols-[7rem_1fr] gap-3">
        <SelectField
          label={t('designer.fields.method')}
          value={data.method}
          disabled={readOnly}
          error={problem('method')}
          onChange={(event) =>
            patch({ method: event.target.value as NodeConfig<'http'>['method'] }, 'method')
          }
          options={httpMethods.map((method) => ({ value: method, label: method }))}
        />
        <TextField
          label={t('designer.fields.url')}
          mono
          value={data.url}
          placeholder="https://api.example.com/orders/{{orderId}}"
          disabled={readOnly}
          error={problem('url')}
          onChange={(event) => patch({ url: event.target.value }, 'url')}
        />
      </div>
      <ListTextField
        label={t('designer.fields.headers')}
        optional={t('common.optional')}
        value={data.headers}
        placeholder="Authorization: Bearer {{token}}"
        readOnly={readOnly}
        hint={t('designer.fields.headersHint')}
        error={problem('headers')}
        format={headersToText}
        parse={textToHeaders}
        onChange={(headers) => patch({ headers }, 'headers')}
      />
      {data.method !== 'GET' && (
        <TextAreaField
          label={t('designer.fields.body')}
          optional={t('common.optional')}
          mono
          rows={4}
          value={data.body ?? ''}
          disabled={readOnly}
          error={problem('body')}
          onChange={(event) => patch({ body: event.target.value || undefined }, 'body')}
        />
      )}
      <ListTextField
        label={t('designer.fields.allowedHosts')}
        value={data.allowedHosts}
        placeholder="api.example.com"
        readOnly={readOnly}
        hint={t('designer.fields.allowedHostsHint')}
        error={problem('allowedHosts')}
        format={(hosts) => hosts.join('\n')}
        parse={(text) =>
          text
            .split(/[\n,]/)
            .map((host) => host.trim())
            .filter(Boolean)
        }
        onChange={(allowedHosts) => patch({ allowedHosts }, 'allowedHosts')}
      />
      <CheckboxField
        label={t('designer.fields.allowPrivateNetwork')}
        hint={
          mayOpenPrivateNetwork
            ? t('designer.fields.allowPrivateNetworkHint')
            : t('designer.fields.allowPrivateNetworkAdminOnly')
        }
        checked={data.allowPrivateNetwork}
        disabled={readOnly || (!mayOpenPrivateNetwork && !data.allowPrivateNetwork)}
        onChange={(event) => patch({ allowPrivateNetwork: event.target.checked }, 'allowPrivateNetwork')}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={t('designer.fields.timeoutMs')}
          type="number"
          min={100}
          max={60000}
          step={100}
          value={data.timeoutMs}
          disabled={readOnly}
          error={problem('timeoutMs')}
          onChange={(event) =>
            patch({ timeoutMs: Math.round(numberOr(event.target.value, 100)) }, 'timeoutMs')
          }
        />
        <OutputVariable value={data.outputVariable} readOnly={readOnly} problem={problem} patch={patch} />
      </div>
    </>
  );
}
