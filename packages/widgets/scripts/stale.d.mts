export declare function isDistStale(root: string): boolean;
