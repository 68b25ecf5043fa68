import type {
  Category,
  ListingScope,
  PriceRange,
  Product,
  ProductRecord,
  ProductSort,
  RatingSummary,
  StockChange,
  TokenHit,
} from './model.js';

export type CreateCategoryResult = 'created' | 'name-taken';
export type CreateProductResult = 'created' | 'unknown-category';
/** `conflict`: the product changed (or was deleted) since it was read; read it again and retry. */
export type ReplaceProductResult = 'replaced' | 'conflict' | 'unknown-category';

export interface CategoryPageQuery {
  limit: number;
  /** Sort key of the last category of the previous page. */
  after?: string;
}

export interface ProductPageQuery {
  scope: ListingScope;
  sort: ProductSort;
  limit: number;
  price: PriceRange;
  /** Sort key of the last product of the previous page. */
  after?: string;
}

/** A product after a stock change, and its level before it. */
export interface StockUpdate {
  product: ProductRecord;
  previousStock: number;
}

/** A slice of an ordered listing; `more` tells whether anything follows the last item. */
export interface Slice<T> {
  items: T[];
  more: boolean;
}

/** Categories, unique by name. */
export interface CategoryStore {
  createCategory(category: Category, nameKey: string, sortKey: string): Promise<CreateCategoryResult>;
  getCategory(id: string): Promise<Category | undefined>;
  listCategories(query: CategoryPageQuery): Promise<Slice<Category & { sortKey: string }>>;
}

/**
 * Products with their listing indexes and search tokens. Every write keeps the product, its
 * index entries and its tokens consistent in one transaction.
 */
export interface ProductStore {
  /** Writes the product and its tokens, on condition that its category exists. */
  createProduct(product: ProductRecord): Promise<CreateProductResult>;
  /** The product unless it was deleted (inactive products included). */
  getProduct(id: string): Promise<ProductRecord | undefined>;
  /**
   * Products by id, in no particular order; deleted ones are left out. Strongly consistent unless
   * `eventual` (a public read the contract allows to lag by seconds, at half the read cost).
   */
  getProducts(ids: string[], options?: { eventual?: boolean }): Promise<ProductRecord[]>;
  /** Replaces name, description, price, category, active flag and tokens, if `current` is still current. */
  replaceProduct(current: ProductRecord, next: ProductRecord): Promise<ReplaceProductResult>;
  /** Marks the product deleted and removes its index entries and tokens, if `current` is still current. */
  deleteProduct(current: ProductRecord, deletedAt: string): Promise<'deleted' | 'conflict'>;
  /**
   * The one way stock changes outside reservations: an absolute level, or a relative change that
   * never takes the level below zero. Returns the updated product with its level before the
   * change; undefined when it does not exist or is deleted, 'insufficient' when a decrease would
   * go below zero.
   */
  updateStock(id: string, change: StockChange, at: string): Promise<StockUpdate | undefined | 'insufficient'>;
  /** Replaces the rating summary and the keys that order by it; false when the product is gone. */
  setRatingSummary(id: string, rating: RatingSummary): Promise<boolean>;
  /**
   * Active products of a scope in the order asked, from a listing index (no scans), as the API
   * shows them (a listing holds neither tokens nor version).
   */
  listProducts(query: ProductPageQuery): Promise<Slice<Product>>;
  /** Products with a token equal to `term` (or, with `prefix`, starting with it). */
  findTokens(term: string, prefix: boolean): Promise<TokenHit[]>;
}

export type CatalogStore = CategoryStore & ProductStore;
