/**
 * The HTTP API's resources: each method parses its request ({@code request}), calls one service and maps the
 * answer to a view ({@code view}). The streaming item import is a Vert.x route here for the same role. What
 * runs before any resource, on the raw request, is in {@code http}.
 */
package com.example.profiles.api;
