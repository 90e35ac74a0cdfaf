package com.example.profiles.localengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynoxide server (the local DynamoDB-compatible engine, from the npm package the build
 * installs) as a child process: in memory, or on a database file that outlives it. Used by dev
 * mode and by the tests.
 */
public final class DynoxideProcess implements AutoCloseable {

    public static final Path DEFAULT_BINARY = Path.of("node_modules", "@dynoxide", "linux-x64", "dynoxide");

    private final Process process;
    private final int port;

    private DynoxideProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the engine and returns once it accepts connections.
     *
     * @param dbPath the database file, or null for an in-memory engine
     * @param log    where the engine's output goes
     */
    public static DynoxideProcess start(Path binary, int port, Path dbPath, Path log, Duration timeout) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("dynoxide not found at " + binary.toAbsolutePath()
                    + "; run the Maven build (it runs 'npm ci') from the project root");
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "serve", "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        if (dbPath != null) {
            command.add("--db-path");
            command.add(dbPath.toString());
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (dbPath != null && dbPath.toAbsolutePath().getParent() != null) {
                Files.createDirectories(dbPath.toAbsolutePath().getParent());
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            DynoxideProcess engine = new DynoxideProcess(process, port);
            engine.awaitListening(timeout);
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynoxide", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynoxide exited with " + process.exitValue() + " on port " + port);
            }
            if (isListening(port)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting dynoxide", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("dynoxide did not listen on port " + port + " within " + timeout);
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, then SIGKILL if the engine does not exit promptly. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void waitFor() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
