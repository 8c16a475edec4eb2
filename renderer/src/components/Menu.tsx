import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

export const MenuRoot = DropdownMenu.Root;
export const MenuTrigger = DropdownMenu.Trigger;

export function MenuContent({ children, align = 'end' }: { children: ReactNode; align?: 'start' | 'end' }) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        align={align}
        sideOffset={6}
        className="z-50 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-900/10"
      >
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return (
    <DropdownMenu.Label className="px-2.5 py-2 text-xs font-medium text-slate-500">
      {children}
    </DropdownMenu.Label>
  );
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />;
}

interface MenuItemProps {
  children: ReactNode;
  icon?: ReactNode;
  onSelect(): void;
  tone?: 'default' | 'danger';
  disabled?: boolean;
}

export function MenuItem({ children, icon, onSelect, tone = 'default', disabled }: MenuItemProps) {
  return (
    <DropdownMenu.Item
      disabled={disabled}
      onSelect={onSelect}
      className={cx(
        'flex cursor-default items-center gap-2.5 rounded-md px-2.5 py-2 text-sm outline-none select-none data-[disabled]:opacity-50',
        tone === 'danger'
          ? 'text-red-700 data-[highlighted]:bg-red-50'
          : 'text-slate-800 data-[highlighted]:bg-slate-100',
      )}
    >
      {icon}
      {children}
    </DropdownMenu.Item>
  );
}

interface MenuRadioItemProps {
  value: string;
  children: ReactNode;
}

export const MenuRadioGroup = DropdownMenu.RadioGroup;

export function MenuRadioItem({ value, children }: MenuRadioItemProps) {
  return (
    <DropdownMenu.RadioItem
      value={value}
      className="relative flex cursor-default items-center gap-2.5 rounded-md py-2 pr-2.5 pl-8 text-sm text-slate-800 outline-none select-none data-[highlighted]:bg-slate-100"
    >
      <DropdownMenu.ItemIndicator className="absolute left-2.5 inline-flex size-4 items-center justify-center">
        <span className="size-2 rounded-full bg-indigo-600" />
      </DropdownMenu.ItemIndicator>
      {children}
    </DropdownMenu.RadioItem>
  );
}
