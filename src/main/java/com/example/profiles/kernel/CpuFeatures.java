package com.example.profiles.kernel;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU/VM feature probes (no dependency on the Vector API).
 *
 * <p>Fast FMA heuristic (same idea as Lucene): use {@code fma} only when HotSpot itself uses FMA
 * instructions ({@code -XX:+UseFMA}, which HotSpot enables only when the CPU has FMA3) and the CPU is not
 * a pre-Zen AMD part (family &lt; 0x17, where FMA has worse latency than mul+add). Override with
 * {@code -Dprofiles.kernel.fma=true|false}.
 */
final class CpuFeatures {

    private CpuFeatures() {
    }

    private static final boolean FAST_FMA = detectFastFma();

    static boolean fastFma() {
        return FAST_FMA;
    }

    private static boolean detectFastFma() {
        String prop = System.getProperty("profiles.kernel.fma", "auto").trim().toLowerCase(Locale.ROOT);
        if (prop.equals("true")) {
            return true;
        }
        if (prop.equals("false")) {
            return false;
        }
        String useFma = vmOption("UseFMA");
        if (!"true".equals(useFma)) {
            return false;
        }
        int amdFamily = amdCpuFamily();
        return amdFamily < 0 || amdFamily >= 0x17;
    }

    /** Value of a HotSpot VM option, or null if unavailable (non-HotSpot VM, native image, module missing). */
    static String vmOption(String name) {
        try {
            Class<?> beanClass = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object bean = ManagementFactory.getPlatformMXBean((Class) beanClass);
            Object option = beanClass.getMethod("getVMOption", String.class).invoke(bean, name);
            return String.valueOf(option.getClass().getMethod("getValue").invoke(option));
        } catch (Throwable t) {
            return null;
        }
    }

    /** CPU family for AMD CPUs on Linux (from /proc/cpuinfo), -1 otherwise. */
    private static int amdCpuFamily() {
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(p)) {
                return -1;
            }
            List<String> lines = Files.readAllLines(p);
            boolean amd = false;
            for (String line : lines) {
                if (line.startsWith("vendor_id")) {
                    amd = line.contains("AuthenticAMD");
                } else if (line.startsWith("cpu family")) {
                    return amd ? Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()) : -1;
                }
            }
        } catch (Throwable t) {
            // fall through
        }
        return -1;
    }
}
