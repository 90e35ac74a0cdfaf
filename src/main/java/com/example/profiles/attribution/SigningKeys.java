package com.example.profiles.attribution;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HMAC keys of recommendation ids, as {@code recommend.attribution.keys} lists them: {@code id:secret}
 * entries, the secret in base64 of at least {@value #MIN_BYTES} bytes. The first key signs; every listed key
 * verifies, so a rotation lists the new key first and keeps the old one until the ids it signed have left the
 * attribution window.
 */
public final class SigningKeys {

    /** HMAC-SHA256's output size: a shorter secret weakens the MAC (RFC 2104, section 3). */
    static final int MIN_BYTES = 32;
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,16}");

    /** One key: its id (written into every id it signs) and its secret. */
    record Key(String id, byte[] secret) {
        byte[] idBytes() {
            return id.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final Key signing;
    private final Map<String, Key> byId;

    private SigningKeys(List<Key> keys) {
        this.signing = keys.get(0);
        Map<String, Key> ids = new LinkedHashMap<>();
        keys.forEach(k -> ids.put(k.id(), k));
        this.byId = Map.copyOf(ids);
    }

    /**
     * The keys of the setting's entries.
     *
     * @throws IllegalArgumentException whose message says what is wrong with which entry, never quoting a secret
     */
    public static SigningKeys parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("no key is set; give at least one id:secret entry, the secret"
                    + " base64 of at least " + MIN_BYTES + " random bytes (e.g. k1:$(openssl rand -base64 32))");
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            int colon = entry.indexOf(':');
            String at = "entry " + (i + 1);
            if (colon < 0) {
                throw new IllegalArgumentException(at + " is not id:secret");
            }
            String id = entry.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(at + " has key id '" + printable(id) + "'; an id is 1..16 characters"
                        + " of A-Z a-z 0-9 . _ -");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the secret of key " + id + " is not base64");
            }
            if (secret.length < MIN_BYTES) {
                throw new IllegalArgumentException("the secret of key " + id + " has " + secret.length
                        + " bytes; at least " + MIN_BYTES + " are needed");
            }
            if (keys.stream().anyMatch(k -> k.id().equals(id))) {
                throw new IllegalArgumentException("key id " + id + " is listed twice");
            }
            keys.add(new Key(id, secret));
        }
        return new SigningKeys(keys);
    }

    Key signing() {
        return signing;
    }

    /** The key of this id, or null when it is not (or no longer) listed. */
    Key byId(String id) {
        return byId.get(id);
    }

    /** The ids, signing key first, for the log (never the secrets). */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(signing.id());
        byId.keySet().stream().filter(id -> !id.equals(signing.id())).sorted().forEach(ids::add);
        return ids;
    }

    private static String printable(String id) {
        String cut = id.length() > 20 ? id.substring(0, 20) + "..." : id;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
