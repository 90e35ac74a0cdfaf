package com.example.profiles.demo;

import java.util.List;

/** The demo catalog's own embeddings and demo users' feature vectors, for benchmarks. */
public final class DemoVectors {

    private DemoVectors() {
    }

    /** The 10,000 goodbooks books embedded as the demo seeds them, row-major, in file order. */
    public static float[] books() {
        List<DemoBook> books = BookCsv.readDemoCatalog();
        float[] out = new float[books.size() * DemoEmbeddings.DIMENSION];
        for (int i = 0; i < books.size(); i++) {
            System.arraycopy(DemoEmbeddings.embed(books.get(i)), 0, out, i * DemoEmbeddings.DIMENSION,
                    DemoEmbeddings.DIMENSION);
        }
        return out;
    }

    /** The demo users' feature vectors (blends of their favourite authors). */
    public static float[][] users() {
        return DemoUsers.all(BookCsv.readDemoCatalog()).stream().map(DemoUser::features).toArray(float[][]::new);
    }

    public static int dimension() {
        return DemoEmbeddings.DIMENSION;
    }
}
