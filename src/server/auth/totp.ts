import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Pathfinder';

function totpFor(username: string, secretBase32: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A new random TOTP secret (160 bits, base32). */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI and a QR code (PNG data URL) an authenticator app scans. */
export async function totpEnrolment(
  username: string,
  secretBase32: string,
): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totpFor(username, secretBase32).toString();
  return {
    uri,
    qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  };
}

/**
 * The 30-second time step `code` belongs to when it is valid at `at` (one step
 * of clock drift allowed), else null. Callers refuse a step already used.
 */
export function totpStep(
  username: string,
  secretBase32: string,
  code: string,
  at: Date,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(username, secretBase32).validate({
    token: code,
    timestamp: at.getTime(),
    window: 1,
  });
  return delta === null ? null : Math.floor(at.getTime() / 30_000) + delta;
}

/** The code an authenticator shows at `at` (used by tests and the CLI). */
export function currentTotp(username: string, secretBase32: string, at: Date): string {
  return totpFor(username, secretBase32).generate({ timestamp: at.getTime() });
}
