package com.example.profiles.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.example.profiles.support.RawHttp;

/**
 * Hostile requests, each of which must be refused with a 4xx problem and write nothing. Bodies
 * that a bug might accept target ids that do not exist (a missed validation then shows up as a
 * stored item); fuzzed bodies, which may by chance be valid, target an existing profile under a
 * precondition that fails, so that even a valid one is refused (412) without a write.
 */
final class HostileCases {

    /**
     * {@code readOnly}: a fuzzed read that may by chance be valid, so a 2xx is fine too.
     * {@code codec}: refused by the HTTP codec before any application code runs (header or request
     * line over the limits, a chunked body over the hard cap): a 4xx, but without a problem body.
     */
    record Case(String name, String head, byte[] body, boolean readOnly, boolean codec) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String VICTIM = "victim";
    static final String VALID_PROFILE = "{\"user_name\": \"Ann\", \"attributes\": {\"tier\": \"gold\", \"tags\": [1, 2, {\"k\": \"v\"}]}, "
            + "\"user_features\": [0.25, -0.5, 1.0]}";

    private final List<Case> cases = new ArrayList<>();
    private int fresh;

    private HostileCases() {
    }

    /** The fixed set, about 150 requests over every endpoint. */
    static List<Case> fixed() {
        HostileCases c = new HostileCases();
        c.truncatedJson();
        c.invalidUtf8();
        c.nesting();
        c.numbers();
        c.duplicateKeys();
        c.unicode();
        c.paths();
        c.headers();
        c.oversize();
        c.queryParameters();
        c.batchGet();
        c.items();
        c.recommendationControls();
        c.events();
        c.orderedWrites();
        c.modelItemVectors();
        c.userVectors();
        return c.cases;
    }

    /** Seeded random mutations of valid bodies and query strings. */
    static List<Case> fuzzed(long seed, int count) {
        HostileCases c = new HostileCases();
        Random random = new Random(seed);
        byte[] profile = VALID_PROFILE.getBytes(StandardCharsets.UTF_8);
        byte[] patch = "{\"attributes\": {\"tier\": null, \"n\": 3}, \"user_features\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            switch (i % 4) {
                case 0 -> c.add("fuzz put #" + i, RawHttp.head("PUT", "/v1/users/" + VICTIM,
                        "Content-Type: application/json", "If-None-Match: *"), mutate(profile, random));
                case 1 -> c.add("fuzz patch #" + i, RawHttp.head("PATCH", "/v1/users/" + VICTIM,
                        "Content-Type: application/merge-patch+json", "If-Match: \"999999\""), mutate(patch, random));
                case 2 -> c.add("fuzz batch-get #" + i, RawHttp.head("POST", "/v1/users/batch-get",
                        "Content-Type: application/json"), mutate("{\"user_ids\": [\"victim\"], \"fields\": [\"user_name\"]}"
                                .getBytes(StandardCharsets.UTF_8), random), true);
                default -> {
                    String target = "/v1/users/" + VICTIM + "/recommendations?k="
                            + pick(random, "0", "-3", "101", "1e2", "%00", "9999999999", "x", "", "07 ") + "&metric="
                            + pick(random, "l2", "%F0%9F%98%80", "dot%00", "cosine;", "") + "&exclude="
                            + pick(random, "all", "SEEN", "seen,seen", "%ud800", "x");
                    if (malformedTarget(target)) {
                        c.codec("fuzz query #" + i, RawHttp.head("GET", target), null);
                    } else {
                        c.get("fuzz query #" + i, target);
                    }
                }
            }
        }
        return c.cases;
    }

    private void add(String name, String head, byte[] body) {
        cases.add(new Case(name, head, body, false, false));
    }

    private void add(String name, String head, byte[] body, boolean readOnly) {
        cases.add(new Case(name, head, body, readOnly, false));
    }

    private void codec(String name, String head, byte[] body) {
        cases.add(new Case(name, head, body, false, true));
    }

    private String newId() {
        return "hostile-" + (++fresh);
    }

    private void put(String name, String json) {
        put(name, json.getBytes(StandardCharsets.UTF_8));
    }

    private void put(String name, byte[] body) {
        add(name, RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: application/json",
                "Content-Length: " + body.length), body);
    }

    private void get(String name, String target, String... headers) {
        add(name, RawHttp.head("GET", target, headers), null);
    }

    private void truncatedJson() {
        byte[] valid = VALID_PROFILE.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < valid.length; cut += 6) {
            byte[] body = java.util.Arrays.copyOf(valid, cut);
            put("truncated at " + cut, body);
        }
        put("unclosed string", "{\"user_name\": \"Ann");
        put("bare word", "{\"user_name\": Ann}");
        put("single quotes", "{'user_name': 'Ann'}");
        put("comment", "{\"user_name\": \"Ann\" /* hi */}");
        put("trailing comma", "{\"user_name\": \"Ann\",}");
        put("two documents", "{\"user_name\": \"Ann\"}{\"user_name\": \"Bob\"}");
        put("JSON null", "null");
        put("JSON string", "\"Ann\"");
    }

    private void invalidUtf8() {
        int[][] sequences = { { 0xC3, 0x28 }, { 0xC0, 0xAF }, { 0xED, 0xA0, 0x80 }, { 0xF8, 0x88, 0x80, 0x80, 0x80 },
                { 0x80 }, { 0xE2, 0x82 }, { 0xFF }, { 0xF4, 0x90, 0x80, 0x80 } };
        for (int[] sequence : sequences) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"user_name\": \"A".getBytes(StandardCharsets.UTF_8));
            StringBuilder name = new StringBuilder("invalid UTF-8");
            for (int b : sequence) {
                body.write(b);
                name.append(String.format(" %02X", b));
            }
            body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            put(name.toString(), body.toByteArray());
        }
    }

    private void nesting() {
        for (int depth : new int[] { 33, 64, 1000, 50_000 }) {
            put("arrays nested " + depth, "{\"user_name\": \"Ann\", \"attributes\": {\"a\": " + "[".repeat(depth)
                    + "]".repeat(depth) + "}}");
        }
        put("objects nested 40", "{\"user_name\": \"Ann\", \"attributes\": " + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}");
        put("nesting unbalanced", "{\"user_name\": \"Ann\", \"attributes\": {\"a\": " + "[".repeat(100) + "}}");
    }

    private void numbers() {
        for (String n : new String[] { "1e200", "-1e127", "1e-131", "1e999999999", "1e-999999999",
                "12345678901234567890123456789012345678901", "1" + "0".repeat(120), "0." + "0".repeat(140) + "1" }) {
            put("attribute number " + n.substring(0, Math.min(n.length(), 24)), "{\"user_name\": \"Ann\", \"attributes\": {\"x\": " + n + "}}");
        }
        for (String n : new String[] { "3.5e38", "-1e39", "1e999999999", "NaN", "-Infinity", "0x10", "+1", ".5", "1.", "01" }) {
            put("feature " + n, "{\"user_name\": \"Ann\", \"user_features\": [0.5, " + n + "]}");
        }
        put("number of 200 digits", "{\"user_name\": \"Ann\", \"attributes\": {\"x\": " + "9".repeat(200) + "}}");
    }

    private void duplicateKeys() {
        put("duplicate user_name", "{\"user_name\": \"Ann\", \"user_name\": \"Bob\"}");
        put("duplicate nested key", "{\"user_name\": \"Ann\", \"attributes\": {\"a\": 1, \"a\": 2}}");
        put("duplicate via escape", "{\"user_name\": \"Ann\", \"user_\\u006eame\": \"Bob\"}");
        put("duplicate deep key", "{\"user_name\": \"Ann\", \"attributes\": {\"a\": [{\"b\": 1, \"b\": 1}]}}");
        put("duplicate features", "{\"user_name\": \"Ann\", \"user_features\": [1], \"user_features\": [2]}");
    }

    private void unicode() {
        put("lone high surrogate in name", "{\"user_name\": \"Ann\\ud800\"}");
        put("lone low surrogate in name", "{\"user_name\": \"\\udc00Ann\"}");
        put("reversed surrogate pair", "{\"user_name\": \"\\udc00\\ud800\"}");
        put("lone surrogate in attribute key", "{\"user_name\": \"Ann\", \"attributes\": {\"k\\ud83d\": 1}}");
        put("lone surrogate in attribute value", "{\"user_name\": \"Ann\", \"attributes\": {\"k\": [\"\\udfff\"]}}");
        put("raw NUL byte in a string", "{\"user_name\": \"A\u0000nn\"}");
        put("raw newline in a string", "{\"user_name\": \"A\nnn\"}");
        put("NUL in a field name", "{\"user_name\": \"Ann\", \"user_\\u0000name\": \"x\"}");
        put("RTL override in a field name", "{\"user_name\": \"Ann\", \"user_\u202Ename\": \"x\"}");
        put("combining mark on a field name", "{\"user_name\": \"Ann\", \"user_name\u0301\": \"x\"}");
        put("emoji field name", "{\"user_name\": \"Ann\", \"\uD83D\uDE00\": 1}");
        put("zero-width joiner in a field name", "{\"user_name\": \"Ann\", \"user\u200D_name\": \"x\"}");
        put("fullwidth field name", "{\"\uFF55ser_name\": \"Ann\"}");
        put("emoji name with a lone surrogate", "{\"user_name\": \"\uD83D\uDE00\\ud83d\"}");
        get("emoji in the user id", "/v1/users/%F0%9F%98%80");
        get("RTL override in the user id", "/v1/users/abc%E2%80%AEdef");
        get("combining mark in the user id", "/v1/users/e%CC%81");
        get("NUL in the user id", "/v1/users/a%00b");
        get("raw UTF-8 bytes in the path", "/v1/users/caf\u00C3\u00A9");
        get("emoji item id", "/v1/items/%F0%9F%93%9A");
    }

    private void paths() {
        String body = "{\"user_name\": \"Ann\"}";
        for (String target : new String[] { "/v1/users/%2e%2e", "/v1/users/..", "/v1/users/%2E%2E/%2E%2E", "/v1/users/.",
                "/v1/users/" + newId() + "%2Fx", "/v1/users/" + newId() + "%2fx", "/v1/users/" + newId() + ";x=1",
                "/v1/users/;", "/v1/users/a%20b", "/v1/users/a%5Cb",
                "/v1/users/" + "a".repeat(129), "/v1/users/" + newId() + "/extra", "/v1/items/%2e%2e",
                "/v1/items/x;y", "/v1/users/x%3Fy" }) {
            add("PUT " + shorten(target), RawHttp.head("PUT", target, "Content-Type: application/json",
                    "Content-Length: " + body.length()), body.getBytes(StandardCharsets.UTF_8));
        }
        for (String target : new String[] { "/v1/users/%", "/v1/users/%ZZ", "/v1/users/%2" }) {
            // Vert.x refuses a malformed %-escape while routing, before any handler runs.
            codec("PUT " + target, RawHttp.head("PUT", target, "Content-Type: application/json",
                    "Content-Length: " + body.length()), body.getBytes(StandardCharsets.UTF_8));
        }
        for (String target : new String[] { "/v1/users/%2e%2e/export", "/v1/users/victim;jsessionid=1",
                "/v1/users/victim/recommendations;k=5", "/v1/users/%2E", "/v1/users/victim%00", "/v1/nothing",
                "/v1/users/victim/recommendations/extra", "/v1//users/victim/x" }) {
            get("GET " + shorten(target), target);
        }
        add("POST on a profile", RawHttp.head("POST", "/v1/users/" + VICTIM, "Content-Type: application/json",
                "Content-Length: " + body.length()), body.getBytes(StandardCharsets.UTF_8));
        get("TRACE-like unknown method target", "/v1/users/batch-get");
    }

    private void headers() {
        String body = "{\"user_name\": \"Ann\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] { "text/plain", "application/xml", "application/merge-patch+json",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
                ";;;", "application/*" }) {
            add("PUT as " + type, RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: " + type,
                    "Content-Length: " + bytes.length), bytes);
        }
        add("PUT without Content-Type", RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Length: " + bytes.length), bytes);
        add("PATCH as application/json", RawHttp.head("PATCH", "/v1/users/" + VICTIM, "Content-Type: application/json",
                "Content-Length: " + bytes.length), bytes);
        add("PATCH without Content-Type", RawHttp.head("PATCH", "/v1/users/" + VICTIM, "Content-Length: " + bytes.length), bytes);
        add("import as JSON", RawHttp.head("POST", "/v1/items/import", "Content-Type: application/json",
                "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8));
        add("import as text", RawHttp.head("POST", "/v1/items/import", "Content-Type: text/plain",
                "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8));
        add("import as ;;;", RawHttp.head("POST", "/v1/items/import", "Content-Type: ;;;",
                "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8));
        add("import without Content-Type", RawHttp.head("POST", "/v1/items/import", "Content-Length: 2"),
                "{}".getBytes(StandardCharsets.UTF_8));
        add("If-None-Match other than *", RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: application/json",
                "If-None-Match: \"3\"", "Content-Length: " + bytes.length), bytes);
        add("If-Match garbage", RawHttp.head("PUT", "/v1/users/" + VICTIM, "Content-Type: application/json",
                "If-Match: garbage", "Content-Length: " + bytes.length), bytes);
        add("If-Match stale", RawHttp.head("DELETE", "/v1/users/" + VICTIM, "If-Match: \"999999\""), null);
        add("If-Match weak", RawHttp.head("DELETE", "/v1/users/" + VICTIM, "If-Match: W/\"1\""), null);
        add("Accept: text/html", RawHttp.head("GET", "/v1/users/" + newId(), "Accept: text/html"), null);
        String[] many = new String[200];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-Filler-" + i + ": " + "v".repeat(20);
        }
        add("200 extra headers", RawHttp.head("PUT", "/v1/users/" + newId(), concat(many, "Content-Type: text/plain",
                "Content-Length: " + bytes.length)), bytes);
        codec("huge header (20 KiB)", RawHttp.head("GET", "/v1/users/" + VICTIM, "X-Pad: " + "p".repeat(20 * 1024)), null);
        codec("huge header (64 KiB)", RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: application/json",
                "X-Pad: " + "p".repeat(64 * 1024), "Content-Length: " + bytes.length), bytes);
        String[] flood = new String[2000];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = "X-F" + i + ": 1234567890";
        }
        codec("2000 headers (over the limit)", RawHttp.head("GET", "/v1/users/" + VICTIM, flood), null);
        codec("huge request line", RawHttp.head("GET", "/v1/users/" + VICTIM + "?fields=" + "a".repeat(12 * 1024)), null);
    }

    private void oversize() {
        byte[] big = ("{\"user_name\": \"Ann\", \"attributes\": {\"blob\": \"" + "x".repeat(300_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] huge = ("{\"user_name\": \"Ann\", \"attributes\": {\"blob\": \"" + "x".repeat(1_500_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        put("profile body over 256 KiB", big);
        put("profile body over 1 MiB", huge);
        codec("chunked profile body over 1 MiB", RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: application/json",
                "Transfer-Encoding: chunked"), chunked(huge));
        add("chunked profile body over 256 KiB", RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: application/json",
                "Transfer-Encoding: chunked"), chunked(big));
        add("patch over 256 KiB", RawHttp.head("PATCH", "/v1/users/" + VICTIM, "Content-Type: application/merge-patch+json",
                "Content-Length: " + big.length), big);
        add("batch-get over 256 KiB", RawHttp.head("POST", "/v1/users/batch-get", "Content-Type: application/json",
                "Content-Length: " + big.length), big);
        add("item over 256 KiB", RawHttp.head("PUT", "/v1/items/" + newId(), "Content-Type: application/json",
                "Content-Length: " + big.length), big);
        add("declared 10 GB", RawHttp.head("PUT", "/v1/users/" + newId(), "Content-Type: application/json",
                "Content-Length: 10000000000"), new byte[0]);
    }

    private void queryParameters() {
        String rec = "/v1/users/" + VICTIM + "/recommendations";
        for (String q : new String[] { "k=0", "k=-1", "k=1001", "k=abc", "k=1e3", "k=99999999999", "k=%20", "k=1.5",
                "k=0x10", "metric=euclid", "metric=%00", "metric=dot%20x", "exclude=all", "exclude=SEEN", "exclude=%F0%9F%98%80",
                "k=abc&k=5" }) {
            get("recommendations ?" + q, rec + "?" + q);
        }
        for (String q : new String[] { "segments=0", "segments=-1", "segments=17", "segments=1000000", "segments=abc",
                "segments=%00", "segments=1e1" }) {
            get("export ?" + q, "/v1/users/export?" + q, "Accept: application/x-ndjson");
        }
        for (String q : new String[] { "fields=bogus", "fields=user_name,bogus", "fields=%00", "fields=user_name&fields=%F0%9F%98%80",
                "fields=" + "f".repeat(300) }) {
            get("profile ?" + shorten(q), "/v1/users/" + VICTIM + "?" + q);
        }
    }

    private void recommendationControls() {
        String rec = "/v1/users/" + VICTIM + "/recommendations";
        String deep = "%28".repeat(200) + "in_stock" + "%29".repeat(200);
        // facets the catalog declares but no item has a value for match nothing, whatever the literal: only
        // syntax and unknown names are refused here
        for (String q : new String[] { "filter=language%20%3D", "filter=%28%28%28",
                "filter=colour%3D1", "filter=" + deep, "filter=not%20not",
                "filter=in_stock%20and%20%00", "filter=language%20%3D%20%22eng", "filter=%20%20", "max_per=authors:0",
                "max_per=%00:1", "max_per=authors", "max_per=colour:2", "max_per=authors:99999999999",
                "offset=1000", "offset=-1", "k=1000&offset=1", "offset=x", "fallback=x", "fallback=POPULAR",
                "explain=yes", "exclude_ids=,", "exclude_ids=a%00b", "exclude_ids=" + "i,".repeat(1000) + "%2F" }) {
            get("recommendations ?" + shorten(q), rec + "?" + q);
        }
        for (String q : new String[] { "filter=%28", "max_per=series", "offset=999&k=5", "exclude_ids=%2F" }) {
            get("similar ?" + q, "/v1/items/" + newId() + "/similar?" + q);
        }
        StringBuilder many = new StringBuilder("{\"exclude_ids\": [");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"i").append(i).append('"');
        }
        many.append("]}");
        for (String body : new String[] { many.toString(), "{\"filter\": \"" + "x".repeat(5000) + "\"}",
                "{\"exclude_ids\": \"a\"}", "{\"k\": 1.5}",
                "{\"filter\": 5}", "{\"colour\": \"red\"}", "{\"explain\": \"true\"}", "{\"exclude_ids\": [1]}",
                "{\"filter\": \"in_stock\", \"filter\": \"x\"}", "[]", "{\"max_per\": \"authors:0\"}" }) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            add("recommendations body " + shorten(body), RawHttp.head("POST", rec, "Content-Type: application/json",
                    "Content-Length: " + bytes.length), bytes);
        }
    }

    private void batchGet() {
        for (String body : new String[] { "[\"victim\"]", "{}", "{\"user_ids\": \"victim\"}", "{\"user_ids\": []}",
                "{\"user_ids\": [1]}", "{\"user_ids\": [\"a b\"]}", "{\"user_ids\": [\"victim\"], \"extra\": 1}",
                "{\"user_ids\": [\"victim\"], \"fields\": [\"bogus\"]}", "{\"user_ids\": [\"victim\"], \"user_ids\": [\"x\"]}",
                "{\"user_ids\": [" + "\"a\",".repeat(100) + "\"a\"]}", "{\"user_ids\": [\"\\ud800\"]}" }) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            add("batch-get " + shorten(body), RawHttp.head("POST", "/v1/users/batch-get", "Content-Type: application/json",
                    "Content-Length: " + bytes.length), bytes);
        }
    }

    private void items() {
        for (String body : new String[] { "{}", "{\"title\": \"\"}", "{\"title\": 5}", "{\"title\": \"T\", \"embedding\": [1, 2, 3, 4]}",
                "{\"title\": \"T\", \"embedding\": [NaN, 1, 2]}", "{\"title\": \"T\", \"embedding\": \"1,2,3\"}",
                "{\"title\": \"T\", \"bogus\": 1}", "{\"title\": \"" + "t".repeat(5000) + "\"}",
                "{\"title\": \"T\\ud800\", \"embedding\": [1, 2, 3]}", "{\"title\": \"T\", \"title\": \"U\", \"embedding\": [1, 2, 3]}" }) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            add("item " + shorten(body), RawHttp.head("PUT", "/v1/items/" + newId(), "Content-Type: application/json",
                    "Content-Length: " + bytes.length), bytes);
        }
    }

    private void postEvents(String name, byte[] body) {
        add(name, RawHttp.head("POST", "/v1/users/" + VICTIM + "/events", "Content-Type: application/json",
                "Content-Length: " + body.length), body);
    }

    private static String event(String id, String type, String extra) {
        return "{\"event_id\": \"" + id + "\", \"type\": \"" + type + "\", \"item_id\": \"book-1\"" + extra + "}";
    }

    /** Events against an existing profile: a missed validation would show up as a stored event or a changed summary. */
    private void events() {
        StringBuilder many = new StringBuilder("{\"events\": [");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ", ").append(event("e" + i, "view", ""));
        }
        String[][] bodies = {
                { "events: duplicate event_id in one request", "{\"events\": [" + event("d", "view", "") + ", " + event("d", "cart", "") + "]}" },
                { "events: 101 events", many + "]}" },
                { "events: none", "{\"events\": []}" },
                { "events: not an array", "{\"events\": {\"event_id\": \"e\"}}" },
                { "events: an event is a string", "{\"events\": [\"view\"]}" },
                { "events: unknown type", "{\"events\": [" + event("t", "like", "") + "]}" },
                { "events: type of another case", "{\"events\": [" + event("t", "VIEW", "") + "]}" },
                { "events: an hour in the future", "{\"events\": [" + event("f", "view", ", \"occurred_at\": \"2999-01-01T00:00:00Z\"") + "]}" },
                { "events: time without zone", "{\"events\": [" + event("z", "view", ", \"occurred_at\": \"2026-01-01T00:00:00\"") + "]}" },
                { "events: time as a number", "{\"events\": [" + event("n", "view", ", \"occurred_at\": 1767225600") + "]}" },
                { "events: year 0", "{\"events\": [" + event("y", "view", ", \"occurred_at\": \"0000-01-01T00:00:00Z\"") + "]}" },
                { "events: huge value", "{\"events\": [" + event("h", "rating", ", \"value\": 1e200") + "]}" },
                { "events: 40-digit value", "{\"events\": [" + event("h", "rating", ", \"value\": " + "9".repeat(40)) + "]}" },
                { "events: value as a string", "{\"events\": [" + event("s", "rating", ", \"value\": \"5\"") + "]}" },
                { "events: event_id with a space", "{\"events\": [" + event("a b", "view", "") + "]}" },
                { "events: event_id of 129 characters", "{\"events\": [" + event("e".repeat(129), "view", "") + "]}" },
                { "events: missing event_id", "{\"events\": [{\"type\": \"view\", \"item_id\": \"b\"}]}" },
                { "events: missing item_id", "{\"events\": [{\"event_id\": \"m\", \"type\": \"view\"}]}" },
                { "events: unknown field", "{\"events\": [" + event("u", "view", ", \"user_id\": \"someone-else\"") + "]}" },
                { "events: unknown top-level field", "{\"events\": [" + event("u", "view", "") + "], \"user_id\": \"x\"}" },
                { "events: lone surrogate in item_id", "{\"events\": [{\"event_id\": \"s\", \"type\": \"view\", \"item_id\": \"b\\ud800\"}]}" },
                { "events: duplicate key", "{\"events\": [" + event("k", "view", ", \"type\": \"purchase\"") + "]}" } };
        for (String[] body : bodies) {
            postEvents(body[0], body[1].getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes("{\"events\": [{\"event_id\": \"x\", \"type\": \"view\", \"item_id\": \"b".getBytes(StandardCharsets.UTF_8));
        bad.write(0xC3);
        bad.write(0x28);
        bad.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        postEvents("events: invalid UTF-8 in item_id", bad.toByteArray());
        // Valid, but the user has no profile: 404, and neither an event nor a profile may appear.
        byte[] valid = ("{\"events\": [" + event("x", "view", "") + "]}").getBytes(StandardCharsets.UTF_8);
        add("events: of an unknown user", RawHttp.head("POST", "/v1/users/" + newId() + "/events", "Content-Type: application/json",
                "Content-Length: " + valid.length), valid);
        for (String q : new String[] { "limit=0", "limit=501", "limit=x", "since=yesterday", "until=%00",
                "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "type=like", "cursor=not-a-cursor", "cursor=%F0%9F%98%80" }) {
            get("history ?" + q, "/v1/users/" + VICTIM + "/events?" + q);
        }
        for (String q : new String[] { "types=like", "types=view,,", "since=soon", "segments=0", "segments=99" }) {
            get("training ?" + q, "/v1/training/events?" + q, "Accept: application/x-ndjson");
        }
    }

    /** Malformed event times and expiries on profile writes. */
    private void orderedWrites() {
        for (String t : new String[] { "\"yesterday\"", "1767225600", "\"2026-13-01T00:00:00Z\"", "\"2026-01-01\"", "\"10000-01-01T00:00:00Z\"" }) {
            put("event_time " + t, "{\"user_name\": \"Ann\", \"event_time\": " + t + "}");
            put("expires_at " + t, "{\"user_name\": \"Ann\", \"expires_at\": " + t + "}");
        }
    }

    // --- one model's item vectors: PUT /v1/models/{model}/items/{item_id}, POST /v1/models/{model}/items/import ---

    /**
     * Vector writes aimed at the seeded item {@code book-1} of {@code default} (3 dimensions), so that a missed
     * validation shows up as a changed embedding; valid bodies aimed at what does not exist (a model, an item).
     */
    private void modelItemVectors() {
        String target = "/v1/models/default/items/book-1";
        for (String body : new String[] { "{}", "[]", "null", "\"x\"", "{\"embedding\": \"0.5,0.25,1\"}", "{\"embedding\": []}",
                "{\"embedding\": null}", "{\"embedding\": [0.5, 0.25, NaN]}", "{\"embedding\": [0.5, 0.25, 1e39]}",
                "{\"embedding\": [0.5, 0.25, \"1\"]}", "{\"embedding\": [0.5, 0.25, [1]]}", "{\"embedding\": [0.5, 0.25]}",
                "{\"embedding\": [0.5, 0.25, 1], \"title\": \"x\"}", "{\"embedding\": [0.5, 0.25, 1], \"item_id\": \"book-2\"}",
                "{\"embedding\": [0.5, 0.25, 1], \"embedding\": [1, 1, 1]}", "{\"embedding\": [0.5, 0.25, 1]",
                "{\"embedding\": [" + "0.5, ".repeat(4096) + "1]}", "{\"embed\\u0064ing\": [0.5, 0.25, 1], \"embedding\": [1, 1, 1]}" }) {
            putVector("model vector " + shorten(body), target, body.getBytes(StandardCharsets.UTF_8));
        }
        byte[] valid = "{\"embedding\": [0.5, 0.25, 1]}".getBytes(StandardCharsets.UTF_8);
        putVector("model vector of an unknown model", "/v1/models/no-such-model/items/book-1", valid);
        putVector("model vector of an invalid model name", "/v1/models/Books_V2/items/book-1", valid);
        putVector("model vector of a reserved model name", "/v1/models/traffic/items/book-1", valid);
        putVector("model vector of an item that does not exist", "/v1/models/default/items/" + newId(), valid);
        putVector("model vector of an invalid item id", "/v1/models/default/items/a%20b", valid);
        putVector("model vector with a matrix parameter", "/v1/models/default/items/book-1;v=2", valid);
        putVector("model vector as text", "/v1/models/default/items/book-1", valid, "text/plain");
        byte[] line = "{\"item_id\": \"book-1\", \"embedding\": [0.5, 0.25, 1]}\n".getBytes(StandardCharsets.UTF_8);
        String imports = "/v1/models/default/items/import";
        add("model vector import as JSON", RawHttp.head("POST", imports, "Content-Type: application/json",
                "Content-Length: " + line.length), line);
        add("model vector import without Content-Type", RawHttp.head("POST", imports, "Content-Length: " + line.length), line);
        add("model vector import into an unknown model", RawHttp.head("POST", "/v1/models/no-such-model/items/import",
                "Content-Type: application/x-ndjson", "Content-Length: " + line.length), line);
        add("model vector import into an invalid model name", RawHttp.head("POST", "/v1/models/Books_V2/items/import",
                "Content-Type: application/x-ndjson", "Content-Length: " + line.length), line);
        add("model vector import into a reserved name", RawHttp.head("POST", "/v1/models/report/items/import",
                "Content-Type: application/x-ndjson", "Content-Length: " + line.length), line);
        byte[] long_ = ("{\"item_id\": \"book-1\", \"embedding\": [" + "0.5, ".repeat(230_000) + "1]}")
                .getBytes(StandardCharsets.UTF_8);
        add("model vector import line over 1 MiB", RawHttp.head("POST", imports, "Content-Type: application/x-ndjson",
                "Content-Length: " + long_.length), long_);
    }

    private void putVector(String name, String target, byte[] body) {
        putVector(name, target, body, "application/json");
    }

    private void putVector(String name, String target, byte[] body, String type) {
        add(name, RawHttp.head("PUT", target, "Content-Type: " + type, "Content-Length: " + body.length), body);
    }

    // --- end of one model's item vectors ---

    /**
     * Users' vectors in a model. The victim's profile exists and {@code default} has 3 dimensions, so a bug that let
     * one of these through would show up as a changed profile; valid bodies go to a model or a user that does not
     * exist, and must write nothing (no profile is created).
     */
    private void userVectors() {
        String victim = "/v1/models/default/users/" + VICTIM + "/features";
        for (String body : new String[] { "{}", "{\"features\": []}", "{\"features\": \"1,2,3\"}", "{\"features\": [1, 2]}",
                "{\"features\": [1, 2, 3, 4]}", "{\"features\": [NaN, 1, 2]}", "{\"features\": [1, 2, 3e39]}",
                "{\"features\": [1, 2, 3], \"user_id\": \"x\"}", "{\"features\": [1, 2, 3], \"features\": [1, 2, 3]}",
                "{\"features\": [1, 2, 3], \"event_time\": \"yesterday\"}", "{\"features\": [1, 2, 3], \"event_time\": 1767225600}",
                "{\"features\": [1, 2, 3], \"event_time\": \"10000-01-01T00:00:00Z\"}", "{\"features\": [1, 2, 3], \"\\ud800\": 1}",
                "{\"features\": [1, 2, 3]", "[1, 2, 3]", "null", "{\"features\": [" + "1, ".repeat(5000) + "1]}" }) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            add("user vector " + shorten(body), RawHttp.head("PUT", victim, "Content-Type: application/json",
                    "Content-Length: " + bytes.length), bytes);
        }
        byte[] valid = "{\"features\": [0.5, 0.25, 1.0]}".getBytes(StandardCharsets.UTF_8);
        for (String target : new String[] { "/v1/models/no-such-model/users/" + VICTIM + "/features",
                "/v1/models/Bad_Name/users/" + VICTIM + "/features", "/v1/models/traffic/users/" + VICTIM + "/features",
                "/v1/models/%2e%2e/users/" + VICTIM + "/features", "/v1/models/default/users/" + newId() + "/features",
                "/v1/models/default/users/a%20b/features", "/v1/models/default/users/" + VICTIM + "/features;x=1" }) {
            add("user vector to " + shorten(target), RawHttp.head("PUT", target, "Content-Type: application/json",
                    "Content-Length: " + valid.length), valid);
        }
        add("user vector as text", RawHttp.head("PUT", victim, "Content-Type: text/plain", "Content-Length: " + valid.length), valid);
        byte[] line = ("{\"user_id\": \"" + VICTIM + "\", \"features\": [0.5, 0.25, 1.0]}\n").getBytes(StandardCharsets.UTF_8);
        for (String model : new String[] { "no-such-model", "Bad_Name", "report" }) {
            add("user vector import into " + model, RawHttp.head("POST", "/v1/models/" + model + "/users/import",
                    "Content-Type: application/x-ndjson", "Content-Length: " + line.length), line);
        }
        add("user vector import as JSON", RawHttp.head("POST", "/v1/models/default/users/import",
                "Content-Type: application/json", "Content-Length: " + line.length), line);
        add("user vector import without Content-Type", RawHttp.head("POST", "/v1/models/default/users/import",
                "Content-Length: " + line.length), line);
        byte[] longLine = ("{\"user_id\": \"" + VICTIM + "\", \"features\": [" + "0.5, ".repeat(300_000) + "1]}\n")
                .getBytes(StandardCharsets.UTF_8);
        add("user vector import, first line over 1 MiB", RawHttp.head("POST", "/v1/models/default/users/import",
                "Content-Type: application/x-ndjson", "Content-Length: " + longLine.length), longLine);
        for (String q : new String[] { "model=no-such-model", "model=Bad_Name", "model=%00", "model=report" }) {
            get("training ?" + q, "/v1/training/events?" + q, "Accept: application/x-ndjson");
        }
    }

    /** A raw space or a %-escape without two hex digits: Vert.x refuses these before routing. */
    private static boolean malformedTarget(String target) {
        if (target.indexOf(' ') >= 0) {
            return true;
        }
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                    || Character.digit(target.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] body = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(5)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> body = java.util.Arrays.copyOf(body, at);
                case 2 -> body = insert(body, at, pick(random, "{", "}", "[", "]", "\"", ",", ":", "\\", "\\ud800", "\u0000",
                        "1e999", "-", "null", "\uD83D\uDE00", "\u202E").getBytes(StandardCharsets.UTF_8));
                case 3 -> body = insert(body, at, body.clone());
                default -> body = java.util.Arrays.copyOfRange(body, 0, at);
            }
            if (body.length == 0) {
                return body;
            }
        }
        return body;
    }

    private static byte[] insert(byte[] body, int at, byte[] piece) {
        byte[] result = new byte[body.length + piece.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(piece, 0, result, at, piece.length);
        System.arraycopy(body, at, result, at + piece.length, body.length - at);
        return result;
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 65536) {
            int n = Math.min(65536, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static String shorten(String text) {
        return text.length() > 48 ? text.substring(0, 45) + "..." : text;
    }
}
