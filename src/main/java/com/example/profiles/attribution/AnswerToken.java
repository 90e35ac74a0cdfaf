package com.example.profiles.attribution;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The recommendation id: an {@link Answer} in a compact binary form, authenticated by HMAC-SHA256, in base64url.
 * Layout (big-endian): format 1; key id (length, ASCII); flags (bit 0: about an item, bit 1: arm differs from
 * model); a 4-byte nonce (two identical answers in one second still get two ids); served time (4 bytes, epoch
 * seconds); the subject's 64-bit hash; the offset (2 bytes); model, [arm,] strategy and catalog version (length,
 * UTF-8); the number of items (2 bytes) and each item's 32-bit hash in page order; the first 16 bytes of the
 * HMAC over everything before it. The subject and the items are kept as hashes: the id says whether a user or
 * an item is its own without carrying the id itself. One {@link Mac} per key and thread, initialized once.
 */
final class AnswerToken {

    static final int FORMAT = 1;
    static final int MAC_BYTES = 16;
    private static final int ABOUT_ITEM = 1;
    private static final int ARM_DIFFERS = 2;
    private static final int MAX_TEXT = 255;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKeys keys;
    private final Map<String, ThreadLocal<Mac>> macs = new HashMap<>();

    AnswerToken(SigningKeys keys) {
        this.keys = keys;
        for (String id : keys.ids()) {
            SigningKeys.Key key = keys.byId(id);
            macs.put(id, ThreadLocal.withInitial(() -> mac(key.secret())));
        }
    }

    SigningKeys keys() {
        return keys;
    }

    /** A served answer's id, signed with the first key. */
    String issue(Answer answer) {
        SigningKeys.Key key = keys.signing();
        byte[] keyId = key.idBytes();
        byte[] model = text(answer.model());
        boolean armDiffers = !answer.arm().equals(answer.model());
        byte[] arm = armDiffers ? text(answer.arm()) : null;
        byte[] strategy = text(answer.strategy());
        byte[] version = text(answer.catalogVersion());
        List<String> items = answer.itemIds();
        int size = 2 + keyId.length + 1 + 4 + 4 + 8 + 2 + 1 + model.length + (arm == null ? 0 : 1 + arm.length)
                + 1 + strategy.length + 1 + version.length + 2 + 4 * items.size() + MAC_BYTES;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) FORMAT).put((byte) keyId.length).put(keyId);
        out.put((byte) ((answer.about() == Answer.About.ITEM ? ABOUT_ITEM : 0) | (armDiffers ? ARM_DIFFERS : 0)));
        out.putInt(ThreadLocalRandom.current().nextInt());
        out.putInt((int) answer.servedAt());
        out.putLong(Hashes.of(answer.subject()));
        out.putShort((short) answer.offset());
        put(out, model);
        if (arm != null) {
            put(out, arm);
        }
        put(out, strategy);
        put(out, version);
        out.putShort((short) items.size());
        for (String item : items) {
            out.putInt(Hashes.item(item));
        }
        byte[] bytes = out.array();
        sign(key.id(), bytes, size - MAC_BYTES);
        return ENCODER.encodeToString(bytes);
    }

    /** A decoded id whose signature verified, or why it cannot be used. */
    record Checked(Decoded answer, String problem) {
    }

    /** What an id says about its answer. */
    record Decoded(String keyId, Answer.About about, long subjectHash, String model, String arm, String strategy,
                   String catalogVersion, long servedAt, int offset, int[] itemHashes, String key) {

        /** The 1-based position of an item on the page, or 0 when it was not there. */
        int positionOf(String itemId) {
            int hash = Hashes.item(itemId);
            for (int i = 0; i < itemHashes.length; i++) {
                if (itemHashes[i] == hash) {
                    return offset + i + 1;
                }
            }
            return 0;
        }

        /** Whether the page showed the item at this 1-based position. */
        boolean shows(String itemId, int position) {
            int i = position - offset - 1;
            return i >= 0 && i < itemHashes.length && itemHashes[i] == Hashes.item(itemId);
        }
    }

    Checked check(String id) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(id);
        } catch (IllegalArgumentException e) {
            return problem("it is not a recommendation_id this service issued (not base64url)");
        }
        if (bytes.length < 2 + MAC_BYTES || bytes[0] != FORMAT) {
            return problem("it is not a recommendation_id this service issued (unknown format)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - MAC_BYTES);
        try {
            in.get();
            String keyId = new String(take(in, in.get() & 0xff), StandardCharsets.US_ASCII);
            if (keys.byId(keyId) == null) {
                return problem("it was signed with key '" + printable(keyId) + "', which recommend.attribution.keys"
                        + " does not list (rotated out, or never this service's)");
            }
            Mac mac = macs.get(keyId).get();
            mac.update(bytes, 0, bytes.length - MAC_BYTES);
            byte[] expected = mac.doFinal();
            if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES),
                    java.util.Arrays.copyOfRange(bytes, bytes.length - MAC_BYTES, bytes.length))) {
                return problem("its signature does not verify: the id was altered or forged");
            }
            int flags = in.get();
            in.getInt();
            long servedAt = Integer.toUnsignedLong(in.getInt());
            long subject = in.getLong();
            int offset = Short.toUnsignedInt(in.getShort());
            String model = text(in);
            String arm = (flags & ARM_DIFFERS) != 0 ? text(in) : model;
            String strategy = text(in);
            String version = text(in);
            int[] items = new int[Short.toUnsignedInt(in.getShort())];
            for (int i = 0; i < items.length; i++) {
                items[i] = in.getInt();
            }
            if (in.hasRemaining()) {
                return problem("it is not a recommendation_id this service issued (trailing bytes)");
            }
            String key = ENCODER.encodeToString(java.util.Arrays.copyOfRange(bytes, bytes.length - MAC_BYTES,
                    bytes.length));
            return new Checked(new Decoded(keyId, (flags & ABOUT_ITEM) != 0 ? Answer.About.ITEM : Answer.About.USER,
                    subject, model, arm, strategy, version, servedAt, offset, items, key), null);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return problem("it is not a recommendation_id this service issued (truncated)");
        }
    }

    private static Checked problem(String why) {
        return new Checked(null, why);
    }

    private void sign(String keyId, byte[] bytes, int length) {
        Mac mac = macs.get(keyId).get();
        mac.update(bytes, 0, length);
        byte[] full = mac.doFinal();
        System.arraycopy(full, 0, bytes, length, MAC_BYTES);
    }

    private static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_TEXT ? bytes : java.util.Arrays.copyOf(bytes, MAX_TEXT);
    }

    private static void put(ByteBuffer out, byte[] text) {
        out.put((byte) text.length).put(text);
    }

    private static String text(ByteBuffer in) {
        return new String(take(in, in.get() & 0xff), StandardCharsets.UTF_8);
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String printable(String keyId) {
        return SigningKeys.KEY_ID.matcher(keyId).matches() ? keyId : "?";
    }
}
