import { describe, expect, it } from 'vitest';
import { acceptAttribute, fileKindLabel, fileMediaType, fileProblem } from './fileKinds.ts';

const limits = { maxBytes: 1024, types: ['image/png', 'audio/ogg', 'text/csv'] };

describe('case file checks before upload', () => {
  it('lists the types and their endings for the file picker', () => {
    expect(acceptAttribute(['image/png', 'text/csv'])).toBe('image/png,.png,text/csv,.csv');
    expect(fileKindLabel('application/pdf')).toBe('PDF');
    expect(fileKindLabel('application/x-odd')).toBe('application/x-odd');
  });

  it('takes the type from the name when the browser gives none or an old one', () => {
    expect(fileMediaType({ name: 'voice.OPUS', type: '' }, limits)).toBe('audio/ogg');
    expect(fileMediaType({ name: 'list.csv', type: 'application/vnd.ms-excel' }, limits)).toBe(
      'text/csv',
    );
    expect(fileMediaType({ name: 'tool.exe', type: 'application/x-msdownload' }, limits)).toBe(
      'application/x-msdownload',
    );
  });

  it('refuses other types, empty files and files over the limit', () => {
    const png = { name: 'a.png', type: 'image/png' };
    expect(fileProblem({ ...png, size: 10 }, limits)).toBeNull();
    expect(fileProblem({ ...png, size: 0 }, limits)).toBe('empty');
    expect(fileProblem({ ...png, size: 1025 }, limits)).toBe('tooLarge');
    expect(fileProblem({ name: 'x.exe', type: 'application/x-msdownload', size: 5 }, limits)).toBe(
      'typeRefused',
    );
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 5 }, limits)).toBe(
      'typeRefused',
    );
  });
});
