export declare function integrityOf(path: string): string;
export declare function computeIntegrity(dir?: string): Record<string, string>;
export declare function readmeBlock(version: string, hashes: Record<string, string>): string;
export declare function writeIntegrity(dir?: string): Record<string, string>;
