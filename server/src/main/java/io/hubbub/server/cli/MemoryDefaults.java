package io.hubbub.server.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JVM heap settings for a node that holds many idle connections, applied by {@code serve} at start to the options
 * not given on the command line. A burst of connects makes G1 grow the heap to several times the data it keeps
 * (every handshake leaves tens of KB of garbage), and G1 keeps that memory resident once the burst is over: with
 * 19,000 idle clients that was most of the process's RSS. A collection after a minute without one, and a lower bound
 * on the free share of the heap after a collection, give the excess back to the operating system; under load the
 * heap still grows as G1 sees fit. These options are changeable at run time ("manageable"), which is why the
 * process can set them for itself.
 */
final class MemoryDefaults {

    /** In the order they must be set: MinHeapFreeRatio may not exceed MaxHeapFreeRatio at any time. */
    static final List<Map.Entry<String, String>> OPTIONS = List.of(
            Map.entry("MinHeapFreeRatio", "20"),
            Map.entry("MaxHeapFreeRatio", "40"),
            Map.entry("G1PeriodicGCInterval", "60000"));

    private MemoryDefaults() {
    }

    /** Applies the defaults to this JVM. */
    static void apply() {
        apply(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
    }

    /** Applies the defaults through {@code vm}; returns the options set, as {@code name=value}. */
    static List<String> apply(HotSpotDiagnosticMXBean vm) {
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, String> option : OPTIONS) {
            try {
                if (vm.getVMOption(option.getKey()).getOrigin() == VMOption.Origin.DEFAULT) {
                    vm.setVMOption(option.getKey(), option.getValue());
                    applied.add(option.getKey() + "=" + option.getValue());
                }
            } catch (IllegalArgumentException e) {
                // Not an option of this JVM, or not compatible with what the command line set: keep the JVM's.
            }
        }
        return applied;
    }
}
