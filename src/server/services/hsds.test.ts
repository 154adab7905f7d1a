import { describe, expect, it } from 'vitest';
import { hsdsPage, hsdsPaging } from './hsds.ts';

describe('HSDS pages', () => {
  it('wraps a page in the HSDS envelope', () => {
    expect(hsdsPage(5, { page: 2, perPage: 2 }, ['c', 'd'])).toEqual({
      total_items: 5,
      total_pages: 3,
      page_number: 2,
      size: 2,
      first_page: false,
      last_page: false,
      empty: false,
      contents: ['c', 'd'],
    });
    expect(hsdsPage(0, { page: 1, perPage: 50 }, [])).toMatchObject({
      total_pages: 0,
      first_page: true,
      last_page: true,
      empty: true,
    });
  });

  it('reads page and per_page, with defaults and a ceiling', () => {
    expect(hsdsPaging({})).toEqual({ page: 1, perPage: 50 });
    expect(hsdsPaging({ page: '3', per_page: '5000' })).toEqual({ page: 3, perPage: 200 });
    expect(() => hsdsPaging({ page: '0' })).toThrow();
    expect(() => hsdsPaging({ per_page: '0' })).toThrow();
  });
});
