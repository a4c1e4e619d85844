import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse} from 'smol-toml';
import {describe, expect, it} from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXTENSIONS = ['buyer-schedule', 'customer-payments', 'draft-order-attach'] as const;

interface ExtensionToml {
  api_version: string;
  extensions: Array<{
    handle: string;
    type: string;
    targeting: Array<{target: string; module: string}>;
    capabilities?: Record<string, unknown>;
  }>;
}

function readToml(name: string): ExtensionToml {
  return parse(readFileSync(path.join(ROOT, 'extensions', name, 'shopify.extension.toml'), 'utf8')) as unknown as ExtensionToml;
}

describe('extension configuration', () => {
  it('declares the targets, the API version of the installed package and the capabilities', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@shopify/ui-extensions/package.json'), 'utf8')).version as string;
    const [year, month] = version.split('.');
    const apiVersion = `${year}-${month!.padStart(2, '0')}`;

    const buyer = readToml('buyer-schedule');
    expect(buyer.api_version).toBe(apiVersion);
    expect(buyer.extensions[0]!.targeting.map((t) => t.target)).toEqual([
      'purchase.checkout.block.render',
      'purchase.thank-you.block.render',
      'customer-account.order-status.block.render',
    ]);
    expect(buyer.extensions[0]!.capabilities).toMatchObject({network_access: true, block_progress: true});

    const payments = readToml('customer-payments');
    expect(payments.api_version).toBe(apiVersion);
    expect(payments.extensions[0]!.targeting.map((t) => t.target)).toEqual(['customer-account.page.render']);
    expect(payments.extensions[0]!.capabilities).toMatchObject({network_access: true});

    const admin = readToml('draft-order-attach');
    expect(admin.api_version).toBe(apiVersion);
    expect(admin.extensions[0]!.targeting.map((t) => t.target)).toEqual(['admin.draft-order-details.action.render']);
    for (const toml of [buyer, payments, admin]) {
      for (const {module} of toml.extensions[0]!.targeting) {
        expect(existsSync(path.join(ROOT, 'extensions', toml.extensions[0]!.handle, module)), module).toBe(true);
      }
    }
  });
});

describe('npm run build:extensions (Shopify CLI, offline)', () => {
  it('bundles every extension with each of its targets', {timeout: 300_000}, () => {
    for (const name of EXTENSIONS) rmSync(path.join(ROOT, 'extensions', name, 'dist'), {recursive: true, force: true});

    const result = spawnSync('npm', ['run', '--silent', 'build:extensions'], {
      cwd: ROOT,
      encoding: 'utf8',
      // The script has its own `timeout 300`; this one keeps a hung CLI from outliving the test.
      timeout: 290_000,
      killSignal: 'SIGKILL',
      env: {...process.env, CI: '1', SHOPIFY_CLI_NO_ANALYTICS: '1', NO_COLOR: '1'},
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    // The buyer's messages are keys into the extension's locale files (Shopify serves them with the bundle).
    const expectations: Record<(typeof EXTENSIONS)[number], string[]> = {
      'buyer-schedule': ['_tranche_schedule', 'accept.label', '/api/buyer/schedule', 'payNow', 'paidInFull'],
      'customer-payments': ['/api/buyer/contracts', 'pageTitle', 'plan.portal', 'payNow', 'invoicePdf'],
      'draft-order-attach': ['/api/attach/options', '/api/attach/preview', '/api/attach', 'Attach plan'],
    };
    for (const name of EXTENSIONS) {
      const bundlePath = path.join(ROOT, 'extensions', name, 'dist', `${name}.js`);
      expect(existsSync(bundlePath), bundlePath).toBe(true);
      const bundle = readFileSync(bundlePath, 'utf8');
      for (const {target} of readToml(name).extensions[0]!.targeting) {
        expect(bundle).toContain(`shopify.extend("${target}"`);
      }
      for (const text of expectations[name]) expect(bundle, `${name} bundle`).toContain(text);
      // Shopify rejects UI extension bundles over 64 KB (compressed); stay under it uncompressed.
      expect(bundle.length).toBeLessThan(64 * 1024);
    }
  });
});
