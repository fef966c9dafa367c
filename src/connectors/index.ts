/**
 * The connectors capability's front door: store-platform connections (Shopify, WooCommerce) and the
 * e-commerce and Segment intake. The engine, jobs, server and CLI import connectors only from here.
 */
export { ConnectorService } from './service/connector-service.js';
export type { ConnectorChange, ConnectorInput, ConnectorView } from './service/connector-service.js';
export { EcommerceIntake } from './service/ecommerce-intake.js';
export type { IntakeBatch, IntakeResult } from './service/ecommerce-intake.js';
export { SegmentIntake } from './service/segment-intake.js';
export type { SegmentAccepted } from './service/segment-intake.js';
export type { SegmentMessage } from './segment/segment-messages.js';
