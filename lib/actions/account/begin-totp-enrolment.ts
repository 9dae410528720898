"use server";
import QRCode from "qrcode";
import { accountAction } from "@/lib/actions/safe-action";
import { decided, noInput } from "@/lib/actions/account-result";
import { beginTotpEnrolment } from "@/lib/services/totp";

/** A new secret for the caller's own account, with its otpauth URI drawn as a QR code (an SVG data URL: no script, no request). */
export const beginTotpEnrolmentAction = accountAction(noInput, async (user) => {
  const d = decided(await beginTotpEnrolment(user.id));
  if (!d.ok) return d;
  const svg = await QRCode.toString(d.value.uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { ...d, value: { ...d.value, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` } };
});
