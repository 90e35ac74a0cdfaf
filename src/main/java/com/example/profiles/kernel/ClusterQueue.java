package com.example.profiles.kernel;

/**
 * Max-heap of clusters by bound: the next cluster to visit is the one with the highest bound. Built in
 * O(C) and popped in O(log C), so a query that visits a few clusters never sorts all of them.
 */
final class ClusterQueue {

    private final float[] key;
    private final int[] heap;
    private int size;

    /** Every cluster whose key is above -infinity (empty clusters are left out). */
    ClusterQueue(float[] key, int clusters) {
        this.key = key;
        this.heap = new int[clusters];
        for (int c = 0; c < clusters; c++) {
            if (key[c] != Float.NEGATIVE_INFINITY) {
                heap[size++] = c;
            }
        }
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The highest bound left. */
    float peekKey() {
        return key[heap[0]];
    }

    int pop() {
        int top = heap[0];
        heap[0] = heap[--size];
        siftDown(0);
        return top;
    }

    int size() {
        return size;
    }

    /** The i-th cluster left, in no particular order ({@code 0 <= i < size()}). */
    int at(int i) {
        return heap[i];
    }

    float key(int c) {
        return key[c];
    }

    private void siftDown(int i) {
        int c = heap[i];
        float k = key[c];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && key[heap[child + 1]] > key[heap[child]]) {
                child++;
            }
            if (!(key[heap[child]] > k)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = c;
    }
}
