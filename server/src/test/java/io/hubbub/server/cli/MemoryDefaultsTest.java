package io.hubbub.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MemoryDefaultsTest {

    /** A JVM's options as the diagnostic bean shows them; like HotSpot it refuses a min free ratio above the max. */
    private static final class FakeVm implements HotSpotDiagnosticMXBean {
        final Map<String, VMOption> options = new LinkedHashMap<>();

        FakeVm with(String name, String value, VMOption.Origin origin) {
            options.put(name, new VMOption(name, value, true, origin));
            return this;
        }

        @Override
        public VMOption getVMOption(String name) {
            VMOption option = options.get(name);
            if (option == null) {
                throw new IllegalArgumentException("no option " + name);
            }
            return option;
        }

        @Override
        public void setVMOption(String name, String value) {
            getVMOption(name);
            int min = Integer.parseInt(name.equals("MinHeapFreeRatio") ? value : value("MinHeapFreeRatio"));
            int max = Integer.parseInt(name.equals("MaxHeapFreeRatio") ? value : value("MaxHeapFreeRatio"));
            if (min > max) {
                throw new IllegalArgumentException("MinHeapFreeRatio above MaxHeapFreeRatio");
            }
            options.put(name, new VMOption(name, value, true, VMOption.Origin.MANAGEMENT));
        }

        String value(String name) {
            return getVMOption(name).getValue();
        }

        @Override
        public List<VMOption> getDiagnosticOptions() {
            return List.copyOf(options.values());
        }

        @Override
        public void dumpHeap(String outputFile, boolean live) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObjectName getObjectName() {
            throw new UnsupportedOperationException();
        }
    }

    private static FakeVm jvmDefaults() {
        return new FakeVm().with("MinHeapFreeRatio", "40", VMOption.Origin.DEFAULT)
                .with("MaxHeapFreeRatio", "70", VMOption.Origin.DEFAULT)
                .with("G1PeriodicGCInterval", "0", VMOption.Origin.DEFAULT);
    }

    @Test
    void shouldSetEveryOptionTheCommandLineLeftAtItsDefault() {
        FakeVm vm = jvmDefaults();

        assertThat(MemoryDefaults.apply(vm)).containsExactly("MinHeapFreeRatio=20", "MaxHeapFreeRatio=40",
                "G1PeriodicGCInterval=60000");
        assertThat(vm.value("MinHeapFreeRatio")).isEqualTo("20");
        assertThat(vm.value("MaxHeapFreeRatio")).isEqualTo("40");
        assertThat(vm.value("G1PeriodicGCInterval")).isEqualTo("60000");
    }

    @Test
    void optionsGivenOnTheCommandLineShouldWin() {
        FakeVm vm = jvmDefaults().with("G1PeriodicGCInterval", "5000", VMOption.Origin.VM_CREATION)
                .with("MaxHeapFreeRatio", "15", VMOption.Origin.VM_CREATION);

        assertThat(MemoryDefaults.apply(vm)).as("a min of 20 would exceed the given max: left alone").isEmpty();
        assertThat(vm.value("MinHeapFreeRatio")).isEqualTo("40");
        assertThat(vm.value("MaxHeapFreeRatio")).isEqualTo("15");
        assertThat(vm.value("G1PeriodicGCInterval")).isEqualTo("5000");
    }

    @Test
    void optionsThisJvmDoesNotHaveShouldBeSkipped() {
        FakeVm vm = new FakeVm().with("MinHeapFreeRatio", "40", VMOption.Origin.DEFAULT)
                .with("MaxHeapFreeRatio", "70", VMOption.Origin.DEFAULT);

        assertThat(MemoryDefaults.apply(vm)).containsExactly("MinHeapFreeRatio=20", "MaxHeapFreeRatio=40");
    }

    @Test
    void theRunningJvmShouldAcceptThem() {
        HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory.getPlatformMXBean(
                HotSpotDiagnosticMXBean.class);
        for (Map.Entry<String, String> option : MemoryDefaults.OPTIONS) {
            assertThat(vm.getVMOption(option.getKey()).isWriteable()).as(option.getKey() + " is manageable").isTrue();
        }
    }
}
