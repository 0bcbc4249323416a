/**
 * Vocabulary the demo catalogue builds product names, descriptions and filler text from. Plain
 * ASCII without `&`, `<` or quotes, so a scraped text equals the catalogue's data exactly.
 * @module
 */

/** Category display names, used in order; past the end they repeat with a number suffix. */
export const CATEGORY_NAMES: readonly string[] = [
  'Kitchen', 'Garden', 'Lighting', 'Books', 'Toys', 'Outdoor', 'Music', 'Stationery', 'Bathroom',
  'Tools', 'Pet Supplies', 'Office', 'Travel', 'Sports', 'Crafts', 'Audio', 'Bedding', 'Cycling',
  'Camping', 'Photography', 'Games', 'Storage', 'Textiles', 'Tableware',
];

export const ADJECTIVES: readonly string[] = [
  'Brushed', 'Compact', 'Classic', 'Rustic', 'Modern', 'Folding', 'Handmade', 'Vintage', 'Slim',
  'Heavy Duty', 'Portable', 'Minimal', 'Deluxe', 'Everyday', 'Nordic', 'Coastal', 'Urban',
  'Weathered', 'Polished', 'Stackable', 'Quiet', 'Bright', 'Soft', 'Sturdy',
];

export const MATERIALS: readonly string[] = [
  'Oak', 'Walnut', 'Bamboo', 'Steel', 'Copper', 'Linen', 'Cotton', 'Wool', 'Ceramic', 'Glass',
  'Leather', 'Cork', 'Brass', 'Slate', 'Rattan', 'Birch', 'Enamel', 'Marble', 'Felt', 'Canvas',
];

export const NOUNS: readonly string[] = [
  'Desk Lamp', 'Teapot', 'Planter', 'Notebook', 'Backpack', 'Cutting Board', 'Stool', 'Kettle',
  'Picture Frame', 'Shelf', 'Blanket', 'Mug', 'Lantern', 'Tool Box', 'Wall Clock', 'Side Table',
  'Serving Tray', 'Water Bottle', 'Storage Box', 'Cushion', 'Bird Feeder', 'Speaker', 'Hammock',
  'Bread Bin', 'Watering Can', 'Coat Rack', 'Pen Holder', 'Door Mat', 'Candle Holder', 'Bookend',
];

export const COLOURS: readonly string[] = [
  'Natural', 'Charcoal', 'Ivory', 'Sage Green', 'Ochre', 'Navy', 'Terracotta', 'Stone Grey',
  'Forest Green', 'Rust', 'Sand', 'Black',
];

export const PURPOSES: readonly string[] = [
  'built for daily use', 'made to last for years', 'designed for small spaces',
  'finished by hand in a small workshop', 'easy to clean and store', 'ready for indoor and outdoor use',
  'sized for a busy household', 'shipped fully assembled', 'backed by a five year guarantee',
];

export const FEATURES: readonly string[] = [
  'a reinforced base that keeps it steady on uneven floors',
  'rounded edges that are gentle on hands and furniture',
  'a water resistant finish that wipes clean with a damp cloth',
  'replaceable parts available from our service team',
  'a low profile that slides under shelves and cupboards',
  'recycled packaging that is free of plastic',
  'joints that are glued and pinned rather than stapled',
  'a matte coating that hides fingerprints',
  'hardware made from rust resistant stainless steel',
  'a weight that is easy to carry from room to room',
];

export const OPENERS: readonly string[] = [
  'Our design team spent a long winter testing prototypes of this piece.',
  'Customers asked for a sturdier version of an old favourite, and this is the answer.',
  'Every unit is inspected twice before it leaves the warehouse.',
  'This model replaces the previous edition with better materials throughout.',
  'We source the raw material from suppliers we have worked with for over a decade.',
  'The proportions follow a simple grid that suits most rooms.',
  'It arrives in a single box with clear, illustrated instructions.',
  'Small batches keep the quality consistent from one delivery to the next.',
];

export const CLOSERS: readonly string[] = [
  'Care instructions are printed on the label inside the box.',
  'Pair it with other pieces from the same range for a matching look.',
  'Spare parts can be ordered for at least ten years after purchase.',
  'Colours may vary slightly between batches because of natural materials.',
  'Returns are free within thirty days if it is unused and in its original packaging.',
  'Our support team answers questions about sizing within one working day.',
];

export const FIRST_NAMES: readonly string[] = [
  'Alice', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi',
  'Luca', 'Maya', 'Noor', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tess',
];

export const REVIEW_LINES: readonly string[] = [
  'Arrived quickly and looks even better than in the photos.',
  'Solid build quality for the price.',
  'Took a few minutes to assemble but the instructions were clear.',
  'The colour is a little darker than expected, still happy with it.',
  'Bought a second one as a gift.',
  'Does exactly what it says, nothing more, nothing less.',
  'The finish scratched after a month of heavy use.',
  'Lighter than I thought, which is handy.',
  'Customer service replaced a missing screw within two days.',
  'Would be perfect with a slightly larger size option.',
];
