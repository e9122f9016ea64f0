// The OpenAPI 3.1 description of the API (GET /api/openapi.json). Kept beside the routes and
// checked by a test that every route in it answers.

import { EXPORT_FORMATS } from './export.js';
import { MAX_LIMIT, STATUSES } from './schemas.js';

const error = {
  description: 'An error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });

const filters = [
  q('from', 'events ending on or after this ISO date', { type: 'string', format: 'date' }),
  q('to', 'events starting on or before this ISO date', { type: 'string', format: 'date' }),
  q('country', 'ISO 3166-1 alpha-3 code of the event location (or IGO)'),
  q('type', 'PLOVER event type, e.g. ASSAULT'),
  q('actor', 'part of an actor or target name, or a country code'),
  q('status', 'event status', { type: 'string', enum: [...STATUSES] }),
  q('source', 'the outlet that reported it'),
  q('text', 'free text over actors, targets, location and sources'),
];

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version,
      description:
        'Conflict-news event extraction: ingest articles, list and filter the merged events, read the evidence. Writes need `Authorization: Bearer <token>` when the server is bound beyond loopback.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
        InputRecord: {
          type: 'object',
          required: ['id', 'text'],
          properties: {
            id: { type: ['string', 'number'] },
            text: { type: 'string' },
            title: { type: ['string', 'null'] },
            published: { type: ['string', 'null'], description: 'ISO date or date-time' },
            url: { type: ['string', 'null'] },
            source: { type: ['string', 'null'] },
          },
        },
        EventCluster: {
          type: 'object',
          description: 'One real-world event merged from every report of it (see src/store/types.ts).',
          properties: {
            id: { type: 'string' },
            type: { type: 'string' },
            mode: { type: ['string', 'null'] },
            dateStart: { type: ['string', 'null'] },
            dateEnd: { type: ['string', 'null'] },
            country: { type: ['string', 'null'] },
            location: { type: ['string', 'null'] },
            lat: { type: ['number', 'null'] },
            lon: { type: ['number', 'null'] },
            actors: { type: 'array', items: { type: 'string' } },
            targets: { type: 'array', items: { type: 'string' } },
            fatalitiesMin: { type: ['integer', 'null'] },
            fatalitiesMax: { type: ['integer', 'null'] },
            statuses: { type: 'array', items: { type: 'string' } },
            sources: { type: 'array', items: { type: 'string' } },
            articles: { type: 'array', items: { type: 'string' } },
            mentions: { type: 'integer' },
            disagreements: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    },
    paths: {
      '/api/articles': {
        post: {
          summary: 'Run the pipeline on one article and store it',
          security: [{ bearer: [] }, {}],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/InputRecord' } } } },
          responses: {
            '201': { description: 'The SPEC result plus `articleId` (the stored id) and `inserted: true`' },
            '200': { description: 'Already stored: the SPEC result plus `articleId` and `inserted: false`' },
            '400': error,
            '401': error,
            '413': error,
            '415': error,
            '422': error,
          },
        },
        get: {
          summary: 'Stored articles, newest ingest first',
          parameters: [q('limit', 'page size', { type: 'integer', maximum: MAX_LIMIT }), q('offset', 'skip', { type: 'integer' })],
          responses: { '200': { description: '{ articles, total }' }, '400': error },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article with its text and annotations (the SPEC result)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } }],
          responses: { '200': { description: 'The article' }, '400': error, '404': error },
        },
      },
      '/api/events': {
        get: {
          summary: 'Events (merged clusters), filtered',
          parameters: [...filters, q('limit', `page size (1–${MAX_LIMIT}, default 100)`, { type: 'integer' }), q('offset', 'skip', { type: 'integer' })],
          responses: {
            '200': {
              description: '{ events, total }',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { events: { type: 'array', items: { $ref: '#/components/schemas/EventCluster' } }, total: { type: 'integer' } } },
                },
              },
            },
            '400': error,
          },
        },
      },
      '/api/events/{id}': {
        get: {
          summary: 'One event with its reports (mentions), sources and evidence sentences',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The event' }, '400': error, '404': error },
        },
      },
      '/api/export': {
        get: {
          summary: 'Events matching the filters, as a file',
          parameters: [{ name: 'format', in: 'query', required: true, schema: { type: 'string', enum: [...EXPORT_FORMATS] } }, ...filters],
          responses: { '200': { description: 'The file' }, '400': error },
        },
      },
      '/api/stats': { get: { summary: 'Totals and breakdowns by type, country and status', responses: { '200': { description: 'Stats' } } } },
      '/api/health': { get: { summary: 'Liveness and store kind', responses: { '200': { description: 'OK' } } } },
      '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
  };
}
