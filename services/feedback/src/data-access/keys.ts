import { GSI1, INDEXES, PK, SK } from '@shopeasy/resources';

// The feedback table holds reviews (`REVIEW#<id>`) and one claim per customer and product
// (`USER#<userId>` / `PRODUCT#<productId>`). Only accepted reviews carry the gsi1 keys, so the
// index lists accepted reviews of a product newest first and nothing else.
export const BY_PRODUCT_INDEX = INDEXES.feedback.byProduct;
export const BY_PRODUCT_PK = `${GSI1}pk`;
export const BY_PRODUCT_SK = `${GSI1}sk`;

export const keys = {
  review: (reviewId: string) => ({ [PK]: `REVIEW#${reviewId}`, [SK]: 'REVIEW' }),
  claim: (userId: string, productId: string) => ({ [PK]: `USER#${userId}`, [SK]: `PRODUCT#${productId}` }),
};

export const productListing = (productId: string) => `PRODUCT#${productId}`;

/** Listing position of a review: newest first by creation time, the id breaking ties. */
export const listingPosition = (createdAt: string, reviewId: string) => `${createdAt}#${reviewId}`;

/** The review id at the end of a listing position. */
export const reviewIdOfPosition = (position: string) => position.slice(position.lastIndexOf('#') + 1);
