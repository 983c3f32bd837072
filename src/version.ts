/** The API's version, in the OpenAPI document and on the service's spans. */
export const API_VERSION = '0.1.0';
