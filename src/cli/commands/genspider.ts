import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { loadProject } from '../project-config.ts';
import { SPIDER_TEMPLATES } from '../templates/spider-templates.ts';
import { classPrefix } from '../templates/project-files.ts';
import { UsageError } from '../usage-error.ts';

const SPIDER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The domain and start URL of a `genspider` DOMAIN argument (a bare domain, or a URL as Scrapy 2.6+ accepts). */
export function domainAndUrl(target: string): { domain: string; url: string } {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
  let parsed: URL;
  try {
    parsed = new URL(hasScheme ? target : `https://${target}`);
  } catch {
    throw new UsageError(`${JSON.stringify(target)} is not a domain or URL`);
  }
  return { domain: parsed.hostname, url: hasScheme ? parsed.href : `https://${parsed.host}/` };
}

/**
 * `skitter genspider [-t TEMPLATE] NAME DOMAIN`: writes a spider from a template, into the
 * project's spiders folder (inside a project) or the current folder.
 * @see Scrapy's `scrapy genspider`
 */
export const genspiderCommand: Command = {
  name: 'genspider',
  summary: 'Generate new spider using pre-defined templates',
  syntax: '[options] <name> <domain>',
  description:
    `Generate a spider named <name> for <domain> (or a URL, used as the start URL) from a template: ${Object.keys(SPIDER_TEMPLATES).join(', ')}.\n` +
    'Inside a project it goes to the first SPIDER_MODULES folder (spiders/); elsewhere to ./<name>.ts.',
  options: [
    { long: 'template', short: 't', type: 'string', metavar: 'TEMPLATE', help: `template to use (${Object.keys(SPIDER_TEMPLATES).join(', ')}); default: basic` },
    { long: 'list', short: 'l', type: 'boolean', help: 'list available templates' },
    { long: 'dump', short: 'd', type: 'string', metavar: 'TEMPLATE', help: 'print a template to stdout' },
    { long: 'force', type: 'boolean', help: 'overwrite the spider file if it exists' },
  ],
  async run(values, positionals, io) {
    if (values.list === true) {
      io.stdout.write(`Available templates:\n${Object.keys(SPIDER_TEMPLATES).map((t) => `  ${t}`).join('\n')}\n`);
      return 0;
    }
    const dump = typeof values.dump === 'string' ? values.dump : undefined;
    const templateName = dump ?? (typeof values.template === 'string' ? values.template : 'basic');
    const template = SPIDER_TEMPLATES[templateName];
    if (!template) throw new UsageError(`Unable to find template: ${templateName} (available: ${Object.keys(SPIDER_TEMPLATES).join(', ')}; see "skitter genspider --list")`);
    if (dump !== undefined) {
      io.stdout.write(template({ name: 'example', className: 'ExampleSpider', domain: 'example.com', url: 'https://example.com/' }));
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError('genspider takes a spider name and a domain (see "skitter genspider --help")');
    const [name, target] = positionals as [string, string];
    if (!SPIDER_NAME.test(name)) throw new UsageError(`Spider names must begin with a letter and contain only letters, numbers, "_" and "-": ${JSON.stringify(name)}`);
    const { domain, url } = domainAndUrl(target);
    const project = await loadProject(io.cwd);
    const modules = project?.settings['SPIDER_MODULES'];
    const first = Array.isArray(modules) && typeof modules[0] === 'string' ? modules[0] : undefined;
    const folder = project ? (first ?? join(project.root, 'spiders')) : io.cwd;
    const file = resolve(folder, `${name}.ts`);
    if (existsSync(file) && values.force !== true) throw new UsageError(`Spider file ${file} already exists; use --force to overwrite it`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, template({ name, className: `${classPrefix(name)}Spider`, domain, url }));
    io.stdout.write(`Created spider '${name}' using template '${templateName}' in ${relative(io.cwd, file) || file}\n`);
    return 0;
  },
};
