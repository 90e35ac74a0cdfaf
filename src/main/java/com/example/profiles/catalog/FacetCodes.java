package com.example.profiles.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row's facet values as a few bytes, decoded back to an equal map in the same order: what a pod keeps per
 * item between refreshes instead of a map of objects (tens of bytes instead of hundreds). Facets are named by
 * their index in the catalog's facet names; values of other names are not kept. A value the columns cannot use (a list holding non-strings, say) is
 * kept as an empty list, which they ignore just the same.
 */
final class FacetCodes {

    static final byte[] NONE = new byte[0];

    private static final byte TEXT = 'S';
    private static final byte TEXTS = 'L';
    private static final byte NUMBER = 'N';
    private static final byte TRUE = 'T';
    private static final byte FALSE = 'F';
    private static final byte UNUSABLE = 'X';

    private final List<String> names;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    FacetCodes(List<String> names) {
        if (names.size() > 127) {
            throw new IllegalArgumentException("at most 127 facets, not " + names.size());
        }
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    List<String> names() {
        return names;
    }

    byte[] encode(Map<String, Object> facets) {
        if (facets.isEmpty()) {
            return NONE;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Map.Entry<String, Object> entry : facets.entrySet()) {
                Integer name = index.get(entry.getKey());
                if (name == null) {
                    continue; // not a facet the catalog keeps
                }
                out.writeByte(name);
                write(out, entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size() == 0 ? NONE : bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Object value) throws IOException {
        if (value instanceof String text) {
            out.writeByte(TEXT);
            writeText(out, text);
        } else if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            out.writeByte(TEXTS);
            out.writeInt(list.size());
            for (Object text : list) {
                writeText(out, (String) text);
            }
        } else if (value instanceof Number number) {
            out.writeByte(NUMBER);
            out.writeDouble(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            out.writeByte(flag ? TRUE : FALSE);
        } else {
            out.writeByte(UNUSABLE);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    Map<String, Object> decode(byte[] code) {
        if (code.length == 0) {
            return Map.of();
        }
        Map<String, Object> facets = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(code))) {
            while (in.available() > 0) {
                String name = names.get(in.readByte());
                byte tag = in.readByte();
                facets.put(name, switch (tag) {
                    case TEXT -> readText(in);
                    case TEXTS -> {
                        int n = in.readInt();
                        List<String> texts = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            texts.add(readText(in));
                        }
                        yield List.copyOf(texts);
                    }
                    case NUMBER -> in.readDouble();
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    case UNUSABLE -> List.of();
                    default -> throw new IllegalStateException("corrupt facet code, tag " + tag);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facets;
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
