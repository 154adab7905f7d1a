/** Short format names (the same in every language) and file-name endings of the types a case file may have. */
const KINDS: Readonly<Record<string, { label: string; extensions: readonly string[] }>> = {
  'image/jpeg': { label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
  'image/png': { label: 'PNG', extensions: ['.png'] },
  'image/webp': { label: 'WebP', extensions: ['.webp'] },
  'application/pdf': { label: 'PDF', extensions: ['.pdf'] },
  'audio/mpeg': { label: 'MP3', extensions: ['.mp3'] },
  'audio/mp4': { label: 'M4A', extensions: ['.m4a'] },
  'video/mp4': { label: 'MP4', extensions: ['.mp4'] },
  'audio/ogg': { label: 'Ogg', extensions: ['.ogg', '.oga', '.opus'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    extensions: ['.docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    extensions: ['.xlsx'],
  },
  'text/plain': { label: 'TXT', extensions: ['.txt'] },
  'text/csv': { label: 'CSV', extensions: ['.csv'] },
};

/** What the node accepts (GET /meta `attachments`). */
export interface FileLimits {
  maxBytes: number;
  types: readonly string[];
}

/** "PNG" for image/png; an unknown type as it is. */
export function fileKindLabel(mediaType: string): string {
  return KINDS[mediaType]?.label ?? mediaType;
}

/** The file input's `accept`: the types and their endings (some pickers know only one). */
export function acceptAttribute(types: readonly string[]): string {
  return types.flatMap((type) => [type, ...(KINDS[type]?.extensions ?? [])]).join(',');
}

/**
 * The type to send for a file: the browser's when the node knows it, else the one
 * its name's ending gives (browsers leave some types empty or use old names).
 */
export function fileMediaType(file: { name: string; type: string }, limits: FileLimits): string {
  if (limits.types.includes(file.type)) return file.type;
  const ending = file.name.toLowerCase().match(/\.[a-z0-9]+$/)?.[0];
  const byName = Object.entries(KINDS).find(([, k]) => ending && k.extensions.includes(ending));
  return byName && limits.types.includes(byName[0]) ? byName[0] : file.type;
}

/** Why the file cannot be attached, checked before sending it; null when it can. */
export function fileProblem(
  file: { name: string; type: string; size: number },
  limits: FileLimits,
): 'typeRefused' | 'empty' | 'tooLarge' | null {
  if (!limits.types.includes(fileMediaType(file, limits))) return 'typeRefused';
  if (file.size === 0) return 'empty';
  if (file.size > limits.maxBytes) return 'tooLarge';
  return null;
}
