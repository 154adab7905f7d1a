import { describe, expect, it } from 'vitest';
import { blake2b } from './blake2b.ts';
import { hkdf } from './hkdf.ts';
import { hmac } from './hmac.ts';
import { hashBytes, MD5, SHA1, SHA256 } from './mdHash.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string): Uint8Array =>
  Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
const TWO_BLOCKS = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';

describe('hash functions against published vectors', () => {
  it('SHA-1 (FIPS 180-4 examples)', () => {
    expect(hex(hashBytes(SHA1, utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(hashBytes(SHA1, utf8(TWO_BLOCKS)))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex(hashBytes(SHA1, new Uint8Array(1_000_000).fill(0x61)))).toBe(
      '34aa973cd4c4daa4f61eeb2bdbad27316534016f',
    );
  });
  it('SHA-256 (FIPS 180-4 examples)', () => {
    expect(hex(hashBytes(SHA256, utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(hashBytes(SHA256, utf8(TWO_BLOCKS)))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('MD5 (RFC 1321 test suite)', () => {
    expect(hex(hashBytes(MD5, utf8('')))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(hashBytes(MD5, utf8('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(
      hex(
        hashBytes(
          MD5,
          utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890'),
        ),
      ),
    ).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });
  it('BLAKE2b (RFC 7693 Appendix A; keyed and salted values from CPython hashlib)', () => {
    expect(hex(blake2b(utf8('abc')))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
    expect(
      hex(blake2b(utf8('clkhash'), { key: new Uint8Array(64).fill(0x6b), salt: utf8('0') })),
    ).toBe(
      '245ddbf378c638d3861287c372bbb37c76d45461d3dbc75868e84bff1c5dd0f530be653e19ba0da24826ba474ada7adb0ba98dc7d4864caccc23a3c9d886bede',
    );
    expect(
      hex(
        blake2b(new Uint8Array(300).fill(0x78), {
          key: utf8('secret'),
          salt: utf8('12'),
          personal: utf8('pf'),
        }),
      ),
    ).toBe(
      '9722f37b12f8ed4b1ff83ff0db6d4191a9d00625e85431ea206febd7e89f67747e6f650667e46f012f73fe05839b30eed8dbe552f372babbaaf2bdcee92011f4',
    );
    expect(hex(blake2b(new Uint8Array(0), { key: utf8('abc') }))).toBe(
      '91cc35fc51ce734eae9e57a20725d68062b0bd6de1965a4b5dc5eb4d60402d02d00b5079b0907775e317fd84a149634253c9d1fd01819e202729affbf47b00e5',
    );
  });
});

describe('HMAC and HKDF', () => {
  it('HMAC-SHA256 (RFC 4231 case 1), HMAC-MD5, HMAC-SHA1 with a key longer than a block', () => {
    expect(hex(hmac(SHA256, new Uint8Array(20).fill(0x0b), utf8('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(hex(hmac(MD5, utf8('key'), utf8('The quick brown fox jumps over the lazy dog')))).toBe(
      '80070713463e7749b90c2dc24911e275',
    );
    expect(hex(hmac(SHA1, new Uint8Array(100).fill(0x6b), new Uint8Array(200).fill(0x6d)))).toBe(
      'de6583f7a462987c536aadeb124f0f82a41ea092',
    );
  });
  it('HKDF-SHA256 (RFC 5869 case 1; and a 100-byte output from Python cryptography)', () => {
    const okm = hkdf(
      SHA256,
      new Uint8Array(22).fill(0x0b),
      fromHex('000102030405060708090a0b0c'),
      fromHex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    );
    expect(hex(okm)).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
    expect(hex(hkdf(SHA256, utf8('secret'), utf8('salty'), utf8('inf'), 100))).toBe(
      '4bace6e7562cca5e1085df21b31061724c2e46c19a79d71e382235fb1475b2ee59fc9d649e1964d82926142dc910a18960813c6a4671b742c8b850c7f20a6113eca8680b5d32c88ec54b18938a573433a8d8d00d7378f21b1d799f3a72ea983fd5f0f327',
    );
  });
});
