package com.example.profiles.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, one request per connection. Hostile-input tests
 * need what regular clients refuse to send: invalid UTF-8 in the path, bare {@code ..} segments,
 * missing or duplicated framing headers, headers of any size.
 */
public final class RawHttp {

    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean isProblem() {
            String type = header("content-type");
            return type != null && type.startsWith("application/problem+json");
        }
    }

    private RawHttp() {
    }

    /** Sends a request head (request line and headers, without the blank line) and a body. */
    public static Reply send(int port, String head, byte[] body, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null && body.length > 0) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 431) and close before reading everything we send.
            }
            return read(socket.getInputStream());
        }
    }

    /** Builds a request head with Host and Connection: close, plus the given header lines. */
    public static String head(String method, String target, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close");
        for (String line : headerLines) {
            head.append("\r\n").append(line);
        }
        return head.toString();
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                buffer.write(in.readNBytes(size));
                line(in);
            }
            body = buffer.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            try {
                body = in.readAllBytes();
            } catch (SocketTimeoutException e) {
                body = new byte[0];
            }
        }
        return new Reply(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
