/**
 * HTTPS for the local task pane (Excel only loads add-ins over https). Makes sure the office-addin-dev-certs
 * certificate exists and, where possible, is trusted; otherwise says plainly what to do.
 *
 *   npx node scripts/start/dev-https.ts      # prints the wrangler dev flags for the certificate
 *
 * For `npm start`: wrangler dev --local-protocol https --https-key-path <key> --https-cert-path <cert>
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface DevHttps {
  keyPath: string;
  certPath: string;
  caPath: string;
  /** The CA is installed in the system store, so Excel and browsers trust https://localhost. */
  trusted: boolean;
  /** What the developer must do by hand when the CA could not be installed; null when nothing. */
  advice: string | null;
}

const DIR = path.join(os.homedir(), ".office-addin-dev-certs");

/** Where the pane is served: npm start's HTTPS_PORT, so the advice names the address that works. */
const DEFAULT_PANE_URL = "https://localhost:3000";

export function linuxAdvice(caPath: string, paneUrl: string = DEFAULT_PANE_URL): string {
  return [
    "无法自动安装开发证书（Linux 上需要 sudo）。The development certificate could not be installed (Linux needs sudo).",
    "Do one of these, then reload Excel on the web:",
    `  1. With sudo: sudo cp '${caPath}' /usr/local/share/ca-certificates/office-addin-dev-ca.crt && sudo update-ca-certificates`,
    "  2. Without sudo, for Chrome/Chromium (they read your own NSS store):",
    `     certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i '${caPath}'   (certutil: package libnss3-tools)`,
    "  3. Firefox: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import the file above.",
    `  Or open ${paneUrl}/index.html once in the same browser and accept the warning (this lasts for the session only).`,
  ].join("\n");
}

export async function devHttps(options: { install?: boolean; paneUrl?: string } = {}): Promise<DevHttps> {
  const certs = await import("office-addin-dev-certs");
  const keyPath = path.join(DIR, "localhost.key");
  const certPath = path.join(DIR, "localhost.crt");
  const caPath = path.join(DIR, "ca.crt");
  if (options.install !== false) {
    try {
      await certs.ensureCertificatesAreInstalled();
      return { keyPath, certPath, caPath, trusted: true, advice: null };
    } catch {
      // Fall through: generate the files anyway, they work once trusted by hand.
    }
  }
  if (!certs.verifyCertificates(certPath, keyPath) || !existsSync(caPath)) {
    await certs.generateCertificates(caPath, certPath, keyPath);
  }
  const advice = process.platform === "linux"
    ? linuxAdvice(caPath, options.paneUrl)
    : `Trust the CA certificate ${caPath} (run "npx office-addin-dev-certs install" as an administrator).`;
  return { keyPath, certPath, caPath, trusted: false, advice };
}

export function wranglerHttpsArgs(h: Pick<DevHttps, "keyPath" | "certPath">): string[] {
  return ["--local-protocol", "https", "--https-key-path", h.keyPath, "--https-cert-path", h.certPath];
}

if (import.meta.main) {
  const h = await devHttps({ install: !process.argv.includes("--no-install") });
  if (h.advice) process.stderr.write(`${h.advice}\n`);
  process.stdout.write(`${wranglerHttpsArgs(h).join(" ")}\n`);
}
