/**
 * The files `skitter startproject NAME` writes (Scrapy's project template, in TypeScript): the
 * settings module, a pipeline and middleware stubs, an empty spiders folder, package.json,
 * tsconfig.json, .gitignore and a README.
 * @module
 */

/** `my_project` / `my-project` -> `MyProject`. */
export function classPrefix(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('') || 'Project';
}

/** Relative path -> content of every file of a new project. */
export function projectFiles(name: string, skitterVersion: string): Record<string, string> {
  const prefix = classPrefix(name);
  return {
    'package.json': `${JSON.stringify({
      name: name.toLowerCase().replace(/[^a-z0-9-._]+/g, '-'),
      private: true,
      type: 'module',
      scripts: { crawl: 'skitter crawl', list: 'skitter list', typecheck: 'tsc --noEmit' },
      dependencies: { skitter: `^${skitterVersion}` },
      devDependencies: { typescript: '^5.9.0' },
      engines: { node: '>=22.18' },
    }, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        erasableSyntaxOnly: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
      },
      include: ['**/*.ts'],
    }, null, 2)}\n`,
    '.gitignore': 'node_modules/\n.skitter/\n*.jsonl\n',
    'skitter.config.ts': `// Settings of the ${name} project, applied to every \`skitter\` command run inside it (Scrapy's settings.py).
// Only the most used are here: see the settings reference for all (https://github.com/skitter/skitter/blob/main/docs/settings.md).
import type { SettingsInput } from 'skitter';
import { ${prefix}Pipeline } from './pipelines.ts';
import { ${prefix}DownloaderMiddleware, ${prefix}SpiderMiddleware } from './middlewares.ts';

export default {
  BOT_NAME: '${name}',
  SPIDER_MODULES: ['spiders'],

  // Identify yourself (and your website) on the user-agent.
  // USER_AGENT: '${name} (+http://www.yourdomain.com)',

  // Obey robots.txt rules.
  ROBOTSTXT_OBEY: true,

  // Be polite: requests in flight per domain and seconds between them.
  CONCURRENT_REQUESTS_PER_DOMAIN: 1,
  DOWNLOAD_DELAY: 1,

  // Enable the components of this project (lower orders run first; null disables one).
  ITEM_PIPELINES: {
    ${prefix}Pipeline: { use: ${prefix}Pipeline, order: 300 },
  },
  SPIDER_MIDDLEWARES: {
    // ${prefix}SpiderMiddleware: { use: ${prefix}SpiderMiddleware, order: 543 },
  },
  DOWNLOADER_MIDDLEWARES: {
    // ${prefix}DownloaderMiddleware: { use: ${prefix}DownloaderMiddleware, order: 543 },
  },

  // Cache responses on disk while you develop (.skitter/httpcache).
  // HTTPCACHE_ENABLED: true,

  FEED_EXPORT_ENCODING: 'utf-8',
} satisfies SettingsInput;

// Keep the middleware imports used until you enable them above.
export const middlewares = [${prefix}SpiderMiddleware, ${prefix}DownloaderMiddleware];
`,
    'items.ts': `// The shapes of the items this project's spiders yield (Scrapy's items.py).
export interface ${prefix}Item {
  url: string;
  title?: string;
}
`,
    'pipelines.ts': `// Item pipelines (Scrapy's pipelines.py): enable them in ITEM_PIPELINES (skitter.config.ts).
import type { Spider } from 'skitter';

export class ${prefix}Pipeline {
  /** Called for every item; return it (or a replacement), or throw DropItem. May be async. */
  processItem(item: Record<string, unknown>, _spider: Spider): Record<string, unknown> {
    return item;
  }
}
`,
    'middlewares.ts': `// Spider and downloader middlewares (Scrapy's middlewares.py): enable them in skitter.config.ts.
import type { Request, Response, Spider } from 'skitter';

export class ${prefix}SpiderMiddleware {
  /** Called with the output of each callback; yield what goes on (items and requests). */
  async *processSpiderOutput(_response: Response, result: AsyncIterable<unknown>, _spider: Spider): AsyncGenerator<unknown> {
    for await (const value of result) yield value;
  }

  /** Called with what start() yields. */
  async *processStart(start: AsyncIterable<unknown>): AsyncGenerator<unknown> {
    for await (const value of start) yield value;
  }
}

export class ${prefix}DownloaderMiddleware {
  /** Return nothing to go on, a Response to skip the download, or a Request to send instead. */
  processRequest(_request: Request, _spider: Spider): Response | Request | undefined {
    return undefined;
  }

  /** Return the response (or a replacement), or a Request to send instead. */
  processResponse(_request: Request, response: Response, _spider: Spider): Response | Request {
    return response;
  }
}
`,
    'spiders/.gitkeep': '',
    'README.md': `# ${name}

A [skitter](https://www.npmjs.com/package/skitter) project.

\`\`\`sh
npm install
npx skitter genspider example example.com     # a spider in spiders/example.ts
npx skitter list                               # the project's spiders
npx skitter crawl example -o items.jsonl       # run one, items to a JSON Lines feed
\`\`\`

- \`skitter.config.ts\`: the project's settings (every \`skitter\` command inside the folder uses them)
- \`spiders/\`: one spider per file
- \`pipelines.ts\`, \`middlewares.ts\`: stubs to fill in and enable in the settings
- \`items.ts\`: the shapes of your items
`,
  };
}
