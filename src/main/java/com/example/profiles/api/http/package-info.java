/**
 * Vert.x routes on the raw request, before any body is read or resource matched: the bound on requests in
 * flight, and the guards on body size, media type and matrix parameters.
 */
package com.example.profiles.api.http;
