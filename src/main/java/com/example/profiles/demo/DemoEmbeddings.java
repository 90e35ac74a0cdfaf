package com.example.profiles.demo;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Deterministic stand-in for the retailer's ML embeddings, so the demo catalog and demo users
 * give plausible recommendations without a model.
 *
 * <p>Every token (an author, a series, a title word) gets a fixed pseudo-random unit direction:
 * FNV-1a 64 of "kind:normalised token" seeds a SplitMix64 generator whose Gaussian draws
 * (Box-Muller) form the direction. Random directions in 64 dimensions are nearly orthogonal, so
 * books sharing an author or series point the same way and others do not. A book vector is
 * normalise(W_AUTHOR * (first author + CO_AUTHOR * each other author)
 * + W_SERIES * series + W_WORDS * title words / sqrt(count)).
 *
 * <p>Bit-identical on every JVM: own SplitMix64 (SplittableRandom's algorithm is not specified
 * across releases), StrictMath for log/sqrt/sin/cos, plain IEEE double arithmetic (strict by
 * default since Java 17) and no fused multiply-add.
 */
final class DemoEmbeddings {

    static final int DIMENSION = 64;

    static final double W_AUTHOR = 1.0;
    static final double CO_AUTHOR = 0.35;
    static final double W_SERIES = 0.6;
    static final double W_WORDS = 0.45;

    // Common words and catalogue boilerplate ("Complete", "Boxed Set") would link unrelated books.
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
            "as", "is", "are", "was", "be", "it", "its", "my", "your", "his", "her", "our", "their",
            "this", "that", "into", "vs", "s", "book", "books", "volume", "vol", "edition", "complete",
            "collection", "novel", "novels", "stories", "story", "boxed", "box", "set", "part");

    private DemoEmbeddings() {
    }

    /** Unit-length embedding of a book, from its authors, series and title words. */
    static float[] embed(DemoBook book) {
        double[] v = new double[DIMENSION];
        List<String> authors = book.authors();
        for (int i = 0; i < authors.size(); i++) {
            addScaled(v, direction("author", authorKey(authors.get(i))), W_AUTHOR * (i == 0 ? 1.0 : CO_AUTHOR));
        }
        List<String> series = seriesNames(book.title());
        for (String s : series) {
            addScaled(v, direction("series", s), W_SERIES / StrictMath.sqrt(series.size()));
        }
        List<String> words = titleWords(book.title());
        for (String w : words) {
            addScaled(v, direction("word", w), W_WORDS / StrictMath.sqrt(words.size()));
        }
        if (authors.isEmpty() && series.isEmpty() && words.isEmpty()) {
            addScaled(v, direction("item", book.itemId()), 1.0); // never a zero vector
        }
        return toUnitFloats(v);
    }

    /** Unit direction of an author name; "J.K. Rowling" and "J. K. Rowling" are the same author. */
    static float[] authorVector(String author) {
        return toUnitFloats(direction("author", authorKey(author)));
    }

    /** Unit direction of a series name as returned by {@link #seriesNames(String)}. */
    static float[] seriesVector(String series) {
        return toUnitFloats(direction("series", normalise(series)));
    }

    /** Unit direction of a single title word. */
    static float[] wordVector(String word) {
        return toUnitFloats(direction("word", normalise(word)));
    }

    /**
     * Normalised series names from a trailing parenthesised group: "The Hunger Games (The Hunger
     * Games, #1)" -> [the hunger games]; "Mort (Death, #1; Discworld, #4)" -> [death, discworld];
     * "The Silmarillion (Middle-Earth Universe)" -> [middle earth universe]. Empty if none.
     */
    static List<String> seriesNames(String title) {
        String t = title.strip();
        int open = trailingGroupStart(t);
        List<String> out = new ArrayList<>();
        if (open < 0) {
            return out;
        }
        for (String part : t.substring(open + 1, t.length() - 1).split(";")) {
            int hash = part.indexOf('#');
            String name = normalise(hash >= 0 ? part.substring(0, hash) : part);
            if (!name.isEmpty() && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Normalised title words outside the series group, minus stopwords and single letters. */
    static List<String> titleWords(String title) {
        String t = title.strip();
        int open = trailingGroupStart(t);
        String main = open < 0 ? t : t.substring(0, open);
        List<String> out = new ArrayList<>();
        for (String w : normalise(main).split(" ")) {
            if (w.length() > 1 && !STOPWORDS.contains(w) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Lower case, accents removed, anything but letters and digits turned into single spaces. */
    static String normalise(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(decomposed.length());
        boolean space = true;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                b.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
                space = false;
            } else if (cp != '\'' && cp != '\u2019' && !space) { // "Sorcerer's" -> "sorcerers"
                b.append(' ');
                space = true;
            }
        }
        int end = b.length();
        return space && end > 0 ? b.substring(0, end - 1) : b.toString();
    }

    /** 64-bit FNV-1a over the UTF-8 bytes: stable everywhere, unlike String.hashCode's 32 bits. */
    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Dot product; equals cosine for the unit vectors made here. */
    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Cosine similarity; 0 if either vector is zero. */
    static double cosine(float[] a, float[] b) {
        double na = dot(a, a);
        double nb = dot(b, b);
        return na == 0 || nb == 0 ? 0 : dot(a, b) / (StrictMath.sqrt(na) * StrictMath.sqrt(nb));
    }

    /** Unit-length float copy of a linear blend of unit vectors; used to build user features. */
    static float[] blend(float[][] vectors, double[] weights) {
        double[] v = new double[DIMENSION];
        for (int k = 0; k < vectors.length; k++) {
            for (int i = 0; i < DIMENSION; i++) {
                v[i] += weights[k] * vectors[k][i];
            }
        }
        return toUnitFloats(v);
    }

    private static String authorKey(String author) {
        return normalise(author).replace(" ", "");
    }

    /** Index of the '(' opening a group that ends the already trimmed title, or -1. */
    private static int trailingGroupStart(String t) {
        if (!t.endsWith(")")) {
            return -1;
        }
        int depth = 0;
        for (int i = t.length() - 1; i >= 0; i--) {
            char c = t.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i > 0 ? i : -1; // a title that is only "(...)" has no series
            }
        }
        return -1;
    }

    /** Unit Gaussian direction of one token, fully determined by kind and token. */
    private static double[] direction(String kind, String token) {
        long state = fnv1a64(kind + ':' + token);
        double[] v = new double[DIMENSION];
        for (int i = 0; i < DIMENSION; i += 2) {
            state += 0x9e3779b97f4a7c15L;
            double u1 = 1.0 - unitDouble(state); // (0, 1], so log is finite
            state += 0x9e3779b97f4a7c15L;
            double u2 = unitDouble(state);
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double theta = 2.0 * StrictMath.PI * u2;
            v[i] = r * StrictMath.cos(theta);
            v[i + 1] = r * StrictMath.sin(theta);
        }
        double norm = StrictMath.sqrt(sumSquares(v));
        for (int i = 0; i < DIMENSION; i++) {
            v[i] /= norm;
        }
        return v;
    }

    /** SplitMix64 output for a state, as a double in [0, 1). */
    private static double unitDouble(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static void addScaled(double[] acc, double[] v, double w) {
        for (int i = 0; i < DIMENSION; i++) {
            acc[i] += w * v[i];
        }
    }

    private static double sumSquares(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    private static float[] toUnitFloats(double[] v) {
        double norm = StrictMath.sqrt(sumSquares(v));
        float[] out = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
