package com.example.profiles.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A request body of generated lines, made as it is read (an import of any size costs no memory): lines
 * {@code first..last}, each from {@code text}, optionally held before one line until {@link #resume()}, so that
 * a test can break the store while an import is under way.
 */
public final class GeneratedLines extends InputStream {

    private final IntFunction<String> text;
    private final int last;
    private final int pauseBefore;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch go = new CountDownLatch(1);
    private int line;
    private byte[] current = new byte[0];
    private int position;

    private GeneratedLines(int first, int last, int pauseBefore, IntFunction<String> text) {
        this.text = text;
        this.last = last;
        this.pauseBefore = pauseBefore;
        this.line = first - 1;
    }

    /** Lines {@code first..last} without a pause; {@code text} answers each line with its newline. */
    public static GeneratedLines of(int first, int last, IntFunction<String> text) {
        return new GeneratedLines(first, last, Integer.MIN_VALUE, text);
    }

    /** The same, held before line {@code pauseBefore} until {@link #resume()}. */
    public static GeneratedLines pausing(int first, int last, int pauseBefore, IntFunction<String> text) {
        return new GeneratedLines(first, last, pauseBefore, text);
    }

    /** Whether the reader asked for the held line within {@code seconds}. */
    public boolean awaitPause(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    public void resume() {
        go.countDown();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position == current.length) {
            if (line == last) {
                return -1;
            }
            line++;
            if (line == pauseBefore) {
                reached.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            current = text.apply(line).getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }
}
