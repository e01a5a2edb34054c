import type { Plugin } from 'vite';

export declare function queryHashes(): Plugin;
