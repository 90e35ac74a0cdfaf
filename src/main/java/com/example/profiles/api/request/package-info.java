/**
 * Request parsing: bodies read strictly from bytes, query parameters and headers taken as text, each defect
 * a 400 (or 413, 415, 422) problem that names it. The ranking controls are read through their table,
 * {@code recommend.RequestControls}; the limits requests may reach are configured here.
 */
package com.example.profiles.api.request;
