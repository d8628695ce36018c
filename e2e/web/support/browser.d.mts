import type { BrowserContext } from 'playwright-core';

export declare const INSTALL_COMMAND: string;
export declare function findChromium(): string | undefined;
export declare function launchChromium(extraArgs?: string[]): Promise<{ context: BrowserContext; close(): Promise<void> }>;
