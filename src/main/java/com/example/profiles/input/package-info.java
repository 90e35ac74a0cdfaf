/**
 * Checks of request input that several concerns apply alike (the API's parsers, the ranking controls, the
 * events): the id alphabet and integer ranges. Imports nothing of the application but its problems.
 */
package com.example.profiles.input;
