package com.example.profiles.kernel;

/** Min-heap of the k largest lower bounds; {@link #threshold()} is the k-th largest (or -inf while not full). */
final class LowerBounds {

    final float[] heap;
    int size;

    LowerBounds(int k) {
        heap = new float[k];
    }

    float threshold() {
        return size < heap.length ? Float.NEGATIVE_INFINITY : heap[0];
    }

    /** Returns true if the threshold may have changed. NaN is ignored (never raises the threshold). */
    boolean offer(float x) {
        if (!(x == x)) {
            return false;
        }
        if (size < heap.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] > x) {
                    heap[i] = heap[parent];
                    i = parent;
                } else {
                    break;
                }
            }
            heap[i] = x;
            return size == heap.length;
        }
        if (!(x > heap[0])) {
            return false;
        }
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            if (c + 1 < size && heap[c + 1] < heap[c]) {
                c++;
            }
            if (heap[c] < x) {
                heap[i] = heap[c];
                i = c;
            } else {
                break;
            }
        }
        heap[i] = x;
        return true;
    }
}
