package dev.netwright.runtime.sweep;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a sweep's trials go ({@code --cluster}, the Experiments panel's Cluster): a Spark standalone master
 * ({@code spark://HOST:PORT}) or Spark in this JVM ({@code local[N]}). Plain Java, so the window checks what is typed
 * by the rules the cluster module runs with, without Spark.
 */
public record MasterUrl(String url, String host, int port) {
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/]+):(\\d{1,5})/?");
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?");
    static final int CONNECT_TIMEOUT_MS = 10_000;

    /**
     * Refuses what is neither form, saying what is taken; the message starts with the value as given, e.g.
     * "yarn is not a Spark master URL Netwright takes: use spark://HOST:PORT ...".
     */
    public static MasterUrl parse(String url) {
        String value = url.strip();
        Matcher standalone = STANDALONE.matcher(value);
        if (standalone.matches()) {
            int port = Integer.parseInt(standalone.group(2));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException(value + ": the port must be from 1 to 65535 (a standalone master's "
                        + "is 7077 by default)");
            }
            return new MasterUrl(value, standalone.group(1), port);
        }
        if (LOCAL.matcher(value).matches()) {
            return new MasterUrl(value, null, 0);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String hint = lower.startsWith("yarn") || lower.startsWith("k8s") || lower.startsWith("mesos")
                ? " (YARN, Kubernetes and Mesos are not supported yet: start a Spark standalone master there)" : "";
        throw new IllegalArgumentException("'" + value + "' is not a Spark master URL Netwright takes: use "
                + "spark://HOST:PORT (a standalone master, port 7077 by default) or local[N]" + hint);
    }

    public boolean isLocal() {
        return host == null;
    }

    /** For a standalone master: that something listens at HOST:PORT, else why not, naming the URL. */
    public void requireReachable() throws IOException {
        if (isLocal()) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new IOException("Cannot reach the Spark master " + url + ": " + e.getMessage()
                    + " (is the master running, and is " + host + ":" + port + " open from this machine?)", e);
        }
    }
}
