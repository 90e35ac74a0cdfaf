package com.example.profiles.kernel;

/**
 * Similarity metric.
 *
 * <ul>
 *   <li>{@link #DOT}: {@code score = dot(query, row)} as computed by the chosen {@link ScoringKernel}.</li>
 *   <li>{@link #COSINE}: {@code score = dot(query, row) / (|query| * |row|)}, where the dot product is
 *       the kernel's float32 dot product and the norms are the float32-rounded L2 norms computed by
 *       {@link CatalogMatrix#l2Norm(float[], int, int)}. The division is carried out in double and rounded
 *       once to float (see {@link Scores#cosine(float, float, float)}). <b>Defined as 0 when either norm
 *       is 0</b> (zero query or zero row).</li>
 * </ul>
 */
public enum Metric {
    DOT,
    COSINE
}
