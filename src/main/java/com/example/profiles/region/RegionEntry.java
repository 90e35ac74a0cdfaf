package com.example.profiles.region;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One entry of {@code profiles.fallback-regions}: a region name and an optional endpoint. */
public record RegionEntry(String region, Optional<URI> endpoint) {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Parses {@code region} or {@code region=endpoint} entries, in order. Rejects malformed entries,
     * duplicates and the local region itself at start, rather than failing over into nowhere later.
     */
    public static List<RegionEntry> parseAll(List<String> entries, String localRegion) {
        List<RegionEntry> parsed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            RegionEntry region = parse(entry);
            if (region.region().equals(localRegion)) {
                throw new IllegalArgumentException("profiles.fallback-regions lists the local region " + localRegion);
            }
            if (!seen.add(region.region())) {
                throw new IllegalArgumentException("profiles.fallback-regions lists " + region.region() + " twice");
            }
            parsed.add(region);
        }
        return List.copyOf(parsed);
    }

    static RegionEntry parse(String entry) {
        int equals = entry.indexOf('=');
        String name = (equals < 0 ? entry : entry.substring(0, equals)).trim();
        if (!REGION.matcher(name).matches()) {
            throw new IllegalArgumentException("profiles.fallback-regions: '" + name + "' is not a region name");
        }
        if (equals < 0) {
            return new RegionEntry(name, Optional.empty());
        }
        String endpoint = entry.substring(equals + 1).trim();
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profiles.fallback-regions: endpoint of " + name
                    + " must be an http(s) URL, not '" + endpoint + "'", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("profiles.fallback-regions: endpoint of " + name
                    + " must be an http(s) URL, not '" + endpoint + "'");
        }
        return new RegionEntry(name, Optional.of(uri));
    }
}
