package io.hubbub.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads another process's resource use: CPU seconds from {@code /proc/<pid>/stat} (utime + stime), RSS from
 * {@code /proc/<pid>/status}, and the live heap from {@code jcmd <pid> GC.class_histogram} (forces a full GC).
 */
final class ProcStats {

    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcStats() {
    }

    /** User + system CPU seconds the process has used, or NaN if unreadable. */
    static double cpuSeconds(long pid) {
        return ticks(pid, true, true);
    }

    /** System (kernel) CPU seconds the process has used, or NaN if unreadable: on loopback, mostly TCP. */
    static double systemCpuSeconds(long pid) {
        return ticks(pid, false, true);
    }

    private static double ticks(long pid, boolean user, boolean system) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = (user ? Long.parseLong(f[11]) : 0) + (system ? Long.parseLong(f[12]) : 0);
            return ticks / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in bytes, or -1 if unreadable. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /** Bytes of live objects after a full GC, or -1 if jcmd failed. */
    static long liveHeapBytes(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            long total = -1;
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("Total")) {
                        String[] f = line.trim().split("\\s+");
                        total = Long.parseLong(f[f.length - 1]);
                    }
                }
            }
            p.waitFor(60, TimeUnit.SECONDS);
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
