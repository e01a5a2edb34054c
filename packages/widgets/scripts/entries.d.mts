export declare const ENTRIES: Record<string, string>;
export declare const BUDGETS: { full: number; single: number };
