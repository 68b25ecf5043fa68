/* tslint:disable */
/* eslint-disable */
export * from './AuthApi.js';
export * from './CartApi.js';
export * from './CategoriesApi.js';
export * from './InventoryApi.js';
export * from './OrdersApi.js';
export * from './PaymentsApi.js';
export * from './ProductsApi.js';
export * from './PurchasesApi.js';
export * from './ReviewsApi.js';
export * from './UsersApi.js';
