import { describe, expect, it } from 'vitest';
import { derivedUuid } from './derivedUuid.ts';

describe('derived UUIDs', () => {
  it('gives the same parts the same version-5 UUID, and different parts a different one', () => {
    const a = derivedUuid('service_area', 'S1', 'NPL-D-BANKE');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedUuid('service_area', 'S1', 'NPL-D-BANKE')).toBe(a);
    expect(derivedUuid('service_area', 'S1', 'NPL-D-BARDIYA')).not.toBe(a);
    // Parts are kept apart: ("ab", "c") is not ("a", "bc").
    expect(derivedUuid('ab', 'c')).not.toBe(derivedUuid('a', 'bc'));
  });
});
