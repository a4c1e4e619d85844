import type {ComponentChildren, VNode} from 'preact';
import {render as renderToString} from 'preact-render-to-string';
import {vi} from 'vitest';
import {getExtension} from '@shopify/ui-extensions-tester';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const EXTENSIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../extensions');

/** The markup a component renders (Polaris web components as custom elements). */
export function html(node: VNode | null): string {
  return node ? renderToString(node) : '';
}

/**
 * The visible text of the markup, whitespace collapsed. A component's `heading`, `label` and
 * `error` attributes are shown to the buyer or staff, so they count as text, where the tag stands.
 */
export function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, (tag) => ` ${[...tag.matchAll(/\s(?:heading|label|error)="([^"]*)"/g)].map((match) => match[1]).join(' ')} `)
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface HostElement {
  type: string;
  props: Record<string, unknown>;
}

/**
 * The host elements (`s-*`) a component tree renders, with their props — including event
 * handlers, which string rendering drops. Function components are called directly, so this
 * works for the extensions' components, which keep their state in signals, not hooks.
 */
export function hostElements(node: ComponentChildren): HostElement[] {
  const out: HostElement[] = [];
  const visit = (child: ComponentChildren): void => {
    if (child == null || typeof child === 'boolean' || typeof child === 'string' || typeof child === 'number' || typeof child === 'bigint') return;
    if (Array.isArray(child)) {
      child.forEach(visit);
      return;
    }
    const vnode = child as VNode<Record<string, unknown>>;
    if (typeof vnode.type === 'function') {
      visit((vnode.type as (props: unknown) => ComponentChildren)(vnode.props));
      return;
    }
    if (typeof vnode.type === 'string') out.push({type: vnode.type, props: vnode.props});
    visit(vnode.props.children as ComponentChildren);
  };
  visit(node);
  return out;
}

export function findElement(node: ComponentChildren, type: string): HostElement | undefined {
  return hostElements(node).find((element) => element.type === type);
}

/**
 * Shopify's mock `shopify` global for a target (@shopify/ui-extensions-tester), without its DOM
 * rendering: the tester renders into `document.body`, which needs jsdom; these tests render the
 * components to strings instead. tearDown() clears `document.body`, so a stub stands in for it.
 */
export function mockExtension<T extends Parameters<typeof getExtension>[0]>(target: T, extensionDir: string) {
  const extension = getExtension(target, {configSearchDir: path.join(EXTENSIONS_DIR, extensionDir)});
  return {
    extension,
    setUp: () => extension.setUp(),
    tearDown: () => {
      vi.stubGlobal('document', {body: {innerHTML: ''}});
      try {
        extension.tearDown();
      } finally {
        vi.unstubAllGlobals();
      }
    },
  };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
}
