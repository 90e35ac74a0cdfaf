package com.example.profiles.bench;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded benchmark data (Gaussian, filled in parallel to keep setup short). */
public final class BenchData {

    private BenchData() {
    }

    public static float[] gaussian(long seed, long n) {
        float[] a = new float[Math.toIntExact(n)];
        int chunks = 64;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + c);
            int from = (int) ((long) a.length * c / chunks);
            int to = (int) ((long) a.length * (c + 1) / chunks);
            for (int i = from; i < to; i++) {
                double u = rnd.nextDouble();
                double v = rnd.nextDouble();
                a[i] = (float) (Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v));
            }
        });
        return a;
    }
}
