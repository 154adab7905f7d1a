import type { TFunction } from 'i18next';

/** A permission's human label (the code itself if the catalogue lacks it). */
export function permissionLabel(t: TFunction, permission: string): string {
  return t(`ui.permissions.${permission}`, { defaultValue: permission });
}
