package com.example.profiles.attribution;

/**
 * A 64-bit hash of an id (FNV-1a over its UTF-16 units, then MurmurHash3's finalizer for avalanche): what a
 * recommendation id keeps of its user and of its page's items. It need not resist forgery, since the HMAC over
 * the whole id does; it only has to keep distinct ids apart, and it is cheap on the request path.
 */
final class Hashes {

    private Hashes() {
    }

    static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The 32 bits a page keeps per item. */
    static int item(String itemId) {
        return (int) of(itemId);
    }
}
