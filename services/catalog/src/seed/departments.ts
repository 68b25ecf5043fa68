/** What the demo catalog is made of: per category, the things sold, what they are made of, what they do well. */
export interface Department {
  name: string;
  description: string;
  items: readonly string[];
  materials: readonly string[];
  features: readonly string[];
  uses: readonly string[];
  /** Price range in euro cents. */
  price: readonly [number, number];
}

// prettier-ignore
export const STYLES = [
  'Classic', 'Lightweight', 'Premium', 'Compact', 'Everyday', 'Vintage', 'Modern', 'Eco', 'Deluxe',
  'Essential', 'Pro', 'Urban', 'Nordic', 'Coastal', 'Alpine', 'Heritage', 'Studio', 'Summit',
] as const;

export const CLOSINGS = [
  'Ships in recyclable packaging.',
  'Backed by a two-year warranty.',
  'Designed in Europe and built to last.',
  'A customer favourite since its launch.',
  'Easy to clean and easy to love.',
  'Makes a thoughtful gift.',
] as const;

// Word lists read best as a table, one department per block.
// prettier-ignore
export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Footwear', description: 'Shoes and boots for road, trail and town.',
    items: ['Running Shoe', 'Hiking Boot', 'Sneaker', 'Sandal', 'Loafer', 'Trail Shoe', 'Slipper', 'Rain Boot', 'Chelsea Boot'],
    materials: ['leather', 'suede', 'recycled mesh', 'canvas', 'vegan leather', 'merino wool'],
    features: ['a grippy rubber outsole', 'a cushioned footbed', 'a waterproof membrane', 'reflective details', 'a wide toe box'],
    uses: ['long runs', 'weekend hikes', 'city walks', 'the office', 'rainy commutes'], price: [2900, 18900],
  },
  {
    name: 'Outdoor & Camping', description: 'Gear for nights under the stars.',
    items: ['Tent', 'Sleeping Bag', 'Backpack', 'Camping Stove', 'Headlamp', 'Trekking Pole', 'Water Filter', 'Hammock'],
    materials: ['ripstop nylon', 'aluminium', 'recycled polyester', 'titanium', 'carbon fibre'],
    features: ['a packed weight under a kilo', 'taped seams', 'a lifetime repair service', 'quick set-up', 'a weatherproof finish'],
    uses: ['backpacking trips', 'festival camping', 'alpine tours', 'family campsites'], price: [1500, 45900],
  },
  {
    name: 'Kitchen', description: 'Tools for cooks who care.',
    items: ['Chef Knife', 'Frying Pan', 'Saucepan', 'Cutting Board', 'Espresso Maker', 'Kettle', 'Blender', 'Dutch Oven'],
    materials: ['stainless steel', 'cast iron', 'olive wood', 'carbon steel', 'ceramic', 'copper'],
    features: ['an ergonomic handle', 'induction-ready base', 'dishwasher-safe parts', 'a non-stick coating', 'even heat spread'],
    uses: ['weeknight dinners', 'slow Sunday roasts', 'morning coffee', 'baking days'], price: [1200, 29900],
  },
  {
    name: 'Home & Living', description: 'Small things that make a home.',
    items: ['Throw Blanket', 'Table Lamp', 'Cushion', 'Vase', 'Wall Clock', 'Rug', 'Candle Set', 'Picture Frame'],
    materials: ['organic cotton', 'linen', 'stoneware', 'oak', 'brass', 'hand-blown glass'],
    features: ['a warm dimmable glow', 'hand-finished edges', 'a washable cover', 'a minimalist design', 'a soft woven texture'],
    uses: ['living rooms', 'bedrooms', 'reading corners', 'dining tables'], price: [900, 24900],
  },
  {
    name: 'Electronics', description: 'Gadgets that just work.',
    items: ['Wireless Earbuds', 'Bluetooth Speaker', 'Smartwatch', 'Power Bank', 'USB-C Charger', 'E-Reader', 'Webcam', 'Mechanical Keyboard'],
    materials: ['anodised aluminium', 'recycled plastic', 'tempered glass', 'silicone'],
    features: ['active noise cancelling', 'a 30-hour battery', 'fast charging', 'water resistance', 'low-latency Bluetooth'],
    uses: ['commuting', 'home offices', 'workouts', 'travel'], price: [1500, 39900],
  },
  {
    name: 'Books', description: 'Stories, recipes and ideas.',
    items: ['Novel', 'Cookbook', 'Travel Guide', 'Biography', 'Poetry Collection', 'History Book', 'Picture Book', 'Graphic Novel'],
    materials: ['hardcover', 'paperback', 'cloth-bound', 'illustrated'],
    features: ['a foreword by the author', 'full-colour photography', 'a ribbon bookmark', 'maps and timelines', 'an award-winning translation'],
    uses: ['rainy afternoons', 'book clubs', 'bedtime reading', 'long train rides'], price: [800, 4500],
  },
  {
    name: 'Toys & Games', description: 'Play for every age.',
    items: ['Board Game', 'Puzzle', 'Building Blocks', 'Plush Bear', 'Kite', 'Card Game', 'Wooden Train Set', 'Science Kit'],
    materials: ['beech wood', 'recycled cardboard', 'organic cotton', 'non-toxic plastic'],
    features: ['easy-to-learn rules', '1000 pieces', 'bright water-based paints', 'a storage box', 'hours of screen-free fun'],
    uses: ['family game nights', 'rainy days', 'birthday parties', 'the classroom'], price: [900, 8900],
  },
  {
    name: 'Sports & Fitness', description: 'Move more, feel better.',
    items: ['Yoga Mat', 'Dumbbell Set', 'Resistance Band', 'Jump Rope', 'Foam Roller', 'Cycling Jersey', 'Tennis Racket', 'Swim Goggles'],
    materials: ['natural rubber', 'neoprene', 'graphite', 'technical fabric', 'cork'],
    features: ['a non-slip surface', 'adjustable resistance', 'a breathable fit', 'anti-fog lenses', 'a carry strap'],
    uses: ['home workouts', 'the gym', 'morning yoga', 'race training'], price: [900, 19900],
  },
  {
    name: 'Beauty & Care', description: 'Everyday care, kindly made.',
    items: ['Face Cream', 'Shampoo', 'Body Lotion', 'Lip Balm', 'Hair Brush', 'Eau de Parfum', 'Beard Oil', 'Sunscreen'],
    materials: ['shea butter', 'argan oil', 'aloe vera', 'bamboo', 'rosehip oil'],
    features: ['a fragrance-free formula', 'refillable packaging', 'dermatologist testing', 'SPF 50 protection', 'a light, quick-absorbing texture'],
    uses: ['sensitive skin', 'daily routines', 'summer holidays', 'dry winters'], price: [500, 8900],
  },
  {
    name: 'Garden', description: 'For balconies, beds and borders.',
    items: ['Watering Can', 'Pruning Shears', 'Plant Pot', 'Garden Hose', 'Seed Kit', 'Bird Feeder', 'Garden Gloves', 'Compost Bin'],
    materials: ['galvanised steel', 'terracotta', 'recycled plastic', 'FSC wood', 'bamboo fibre'],
    features: ['a rust-proof finish', 'frost resistance', 'a comfortable grip', 'drainage holes', 'easy assembly'],
    uses: ['balcony gardens', 'vegetable beds', 'herb growing', 'wildlife gardens'], price: [700, 11900],
  },
  {
    name: 'Clothing', description: 'Wardrobe staples that last.',
    items: ['T-Shirt', 'Hoodie', 'Rain Jacket', 'Sweater', 'Jeans', 'Scarf', 'Beanie', 'Socks'],
    materials: ['organic cotton', 'merino wool', 'recycled nylon', 'denim', 'cashmere blend'],
    features: ['a relaxed fit', 'flat-lock seams', 'a water-repellent finish', 'deep pockets', 'a brushed inner lining'],
    uses: ['everyday wear', 'cold mornings', 'travel days', 'layering'], price: [900, 21900],
  },
  {
    name: 'Office & Stationery', description: 'Make work a little nicer.',
    items: ['Notebook', 'Fountain Pen', 'Desk Organizer', 'Planner', 'Pencil Set', 'Desk Lamp', 'Paper Tray', 'Sticky Notes'],
    materials: ['recycled paper', 'walnut', 'brushed steel', 'felt', 'cork'],
    features: ['dotted pages', 'a refillable cartridge', 'a cable tidy', 'lay-flat binding', 'an adjustable arm'],
    uses: ['journaling', 'home offices', 'study sessions', 'sketching'], price: [400, 14900],
  },
];
