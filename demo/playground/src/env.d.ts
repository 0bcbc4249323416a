/** Vite's `?raw` imports: a file's text. */
declare module '*?raw' {
  const text: string;
  export default text;
}

/** How the page registers `sw.js`: `module` in the dev server (TypeScript source), `classic` when built. */
declare const __PLAYGROUND_SW_TYPE__: 'module' | 'classic';
