import { describe, expect, it } from 'vitest';
import { canonicalName } from './nicknames.ts';
import { linkageKey, prepareName } from './normalize.ts';
import { transliterate } from './transliterate.ts';

describe('normalisation for matching', () => {
  it('folds case, diacritics and compatibility forms (NFKC), spells out special letters', () => {
    expect(linkageKey('Nguyễn Thị Ánh')).toBe('nguyen thi anh');
    expect(linkageKey('ＪＯＳÉ  Muñoz')).toBe('jose munoz');
    expect(linkageKey('Straße Øystein Łukasz Ærø')).toBe('strasse oystein lukasz aero');
    expect(linkageKey("O'Brien-Smith")).toBe('obrien smith');
  });
  it('transliterates Cyrillic (BGN/PCGN-like)', () => {
    expect(linkageKey('Владимир Путин')).toBe('vladimir putin');
    expect(linkageKey('Олександр Шевченко')).toBe('oleksandr shevchenko');
  });
  it('transliterates Arabic, with و and ي as vowels after consonants', () => {
    expect(linkageKey('فاطمة')).toBe('fatma');
    expect(linkageKey('يوسف')).toBe('yusf');
    expect(linkageKey('محمد')).toBe('mhmd');
    expect(linkageKey('علي عبد الله')).toBe('ali abd allh');
  });
  it('transliterates Devanagari with final-schwa deletion, and Tamil', () => {
    expect(linkageKey('सीता शर्मा')).toBe('sita sharma');
    expect(linkageKey('राम')).toBe('ram');
    expect(linkageKey('कृष्ण')).toBe('krishna');
    expect(linkageKey('சிவகுமார்')).toBe('sivakumar');
    expect(linkageKey('முருகன்')).toBe('murukan');
  });
  it('transliterates Sinhala, Khmer and Ethiopic (Amharic)', () => {
    expect(linkageKey('පෙරේරා')).toBe('perera');
    expect(linkageKey('සුනිල්')).toBe('sunil');
    expect(linkageKey('ចាន់ ដារ៉ា')).toBe('chan dara');
    expect(linkageKey('አበበ ቢቂላ')).toBe('abebe biqila');
    expect(linkageKey('ተስፋዬ')).toBe('tesfaye');
  });
  it('gives pinyin for Chinese names, surname first', () => {
    expect(linkageKey('王小明')).toBe('wang xiaoming');
    expect(linkageKey('欧阳娜娜')).toBe('ouyang nana');
    expect(linkageKey('陳大文')).toBe('chen dawen');
    expect(transliterate('小明', { splitHanSurname: false }).trim()).toBe('xiaoming');
  });
  it('sets particles aside and keeps order-free forms', () => {
    const a = prepareName('Juan de la Cruz');
    expect(a.tokens).toEqual(['juan', 'cruz']);
    expect(prepareName('Van der Berg').joined).toBe('vanderberg');
    expect(prepareName('Mohamed ould Abdallah').tokens).toEqual(['mohamed', 'abdallah']);
    expect(prepareName('Nguyễn Thị Ánh').tokens).toEqual(['nguyen', 'anh']);
    // Gendered middle names that half a Nepali district carries do not make two names alike.
    expect(prepareName('Durga Devi').tokens).toEqual(['durga']);
    expect(prepareName('Ram Bdr. Thapa').tokens).toEqual(['ram', 'thapa']);
    expect(prepareName('Kumari').tokens).toEqual(['kumari']);
    expect(prepareName('Cruz Juan').sorted).toBe(prepareName('Juan Cruz').sorted);
    expect(prepareName('de').tokens).toEqual(['de']);
  });
  it('maps nicknames and romanisations to one form', () => {
    expect(canonicalName('bill')).toBe('william');
    expect(canonicalName('paco')).toBe('francis');
    expect(canonicalName('muhammad')).toBe(canonicalName('mohamed'));
    expect(canonicalName('zzz')).toBe('zzz');
  });
});
