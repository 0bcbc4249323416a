/**
 * Item loaders: Scrapy's `ItemLoader` and its processors, to fill items from selectors with
 * cleaning rules declared once per item type.
 * @module
 */
export { ItemLoader, type ItemLoaderOptions, type FieldProcessors, type ItemClassWithFields, type ValueOptions } from './item-loader.ts';
export {
  Compose, Identity, Join, MapCompose, TakeFirst, argToArray, withLoaderContext,
  type ComposeOptions, type ContextFunction, type LoaderContext, type Processor, type ProcessorFunction,
} from './processors.ts';
