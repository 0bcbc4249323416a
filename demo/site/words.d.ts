/**
 * Vocabulary the demo catalogue builds product names, descriptions and filler text from. Plain
 * ASCII without `&`, `<` or quotes, so a scraped text equals the catalogue's data exactly.
 * @module
 */
/** Category display names, used in order; past the end they repeat with a number suffix. */
export declare const CATEGORY_NAMES: readonly string[];
export declare const ADJECTIVES: readonly string[];
export declare const MATERIALS: readonly string[];
export declare const NOUNS: readonly string[];
export declare const COLOURS: readonly string[];
export declare const PURPOSES: readonly string[];
export declare const FEATURES: readonly string[];
export declare const OPENERS: readonly string[];
export declare const CLOSERS: readonly string[];
export declare const FIRST_NAMES: readonly string[];
export declare const REVIEW_LINES: readonly string[];
//# sourceMappingURL=words.d.ts.map