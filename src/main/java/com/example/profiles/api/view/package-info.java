/** Response shapes as the API shows them, and the answers built from them (ETag, Location, 404). */
package com.example.profiles.api.view;
