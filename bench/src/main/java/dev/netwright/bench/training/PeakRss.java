package dev.netwright.bench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Follows a process's peak resident memory while it runs: reads {@code VmHWM} from {@code /proc/PID/status}
 * every 50 ms on a daemon thread (the kernel keeps the high-water mark, so a missed moment costs nothing but
 * the last 50 ms of the process's life). Linux only; {@code NaN} elsewhere.
 */
final class PeakRss {
    private final Path status;
    private final Thread thread;
    private volatile long peakKib;
    private volatile boolean running = true;

    private PeakRss(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.thread = new Thread(this::poll, "peak-rss-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    static PeakRss watch(long pid) {
        return new PeakRss(pid);
    }

    /** Stops following and returns the highest VmHWM seen, in MiB. */
    double stopMib() throws InterruptedException {
        running = false;
        thread.join();
        return peakKib == 0 ? Double.NaN : peakKib / 1024.0;
    }

    private void poll() {
        while (running) {
            readOnce();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readOnce() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakKib = Math.max(peakKib, kib);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has ended (or this is not Linux): keep what was read
        }
    }
}
