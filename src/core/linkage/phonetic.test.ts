import { describe, expect, it } from 'vitest';
import { frenchPhonetic, soundex, spanishPhonetic } from './phonetic.ts';

describe('phonetic codes', () => {
  it('American Soundex (US National Archives examples)', () => {
    expect(soundex('robert')).toBe('r163');
    expect(soundex('rupert')).toBe('r163');
    expect(soundex('tymczak')).toBe('t522');
    expect(soundex('pfister')).toBe('p236');
    expect(soundex('honeyman')).toBe('h555');
    expect(soundex('ashcraft')).toBe('a261');
  });
  it('French: silent endings, ph/f, au/eau/o, th/t', () => {
    expect(frenchPhonetic('dupont')).toBe(frenchPhonetic('dupond'));
    expect(frenchPhonetic('philippe')).toBe(frenchPhonetic('filipe'));
    expect(frenchPhonetic('gauthier')).toBe(frenchPhonetic('gautier'));
    expect(frenchPhonetic('bernard')).toBe(frenchPhonetic('bernart'));
    expect(frenchPhonetic('martin')).not.toBe(frenchPhonetic('morin'));
  });
  it('Spanish: b/v, z/s/soft c, ll/y, silent h, x/j', () => {
    expect(spanishPhonetic('vasquez')).toBe(spanishPhonetic('basques'));
    expect(spanishPhonetic('gonzalez')).toBe(spanishPhonetic('gonsales'));
    expect(spanishPhonetic('xavier')).toBe(spanishPhonetic('javier'));
    expect(spanishPhonetic('hernandez')).toBe(spanishPhonetic('ernandes'));
    expect(spanishPhonetic('llolanda')).toBe(spanishPhonetic('yolanda'));
  });
});
