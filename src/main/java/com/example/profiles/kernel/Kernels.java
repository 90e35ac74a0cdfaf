package com.example.profiles.kernel;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Chooses the {@link ScoringKernel} once at startup.
 *
 * <p>{@code "scalar"}: always the plain-Java kernel. {@code "vector"}: the Vector API kernel whenever it can
 * be loaded and passes the correctness self-check (even on a VM where it would be slow). {@code "auto"}
 * (default; unknown values are treated as auto): the Vector API kernel only when
 * <ol>
 *   <li>{@code jdk.incubator.vector} is in the boot layer and readable
 *       ({@code --add-modules jdk.incubator.vector}),</li>
 *   <li>the VM is HotSpot with C2 (not a native image, not {@code -Xint}, not C1-only via
 *       {@code -XX:TieredStopAtLevel<4}, not a JVMCI/Graal JIT, not a client VM), and</li>
 *   <li>the CPU gives the preferred species at least 4 float lanes (128-bit SIMD or wider), and</li>
 *   <li>a quick correctness self-check passes.</li>
 * </ol>
 * The choice rests on capabilities, not on a timing race at start: a pod starting on a busy node
 * (or before C2 has compiled anything) must not talk itself into the scalar kernel.
 * Never throws: anything unexpected (including {@link LinkageError} when the module is missing) falls back to
 * the scalar kernel, and {@link KernelChoice#reason()} says why.
 */
public final class Kernels {

    private static final String VECTOR_CLASS = "com.example.profiles.kernel.VectorKernel";
    /** Below 4 float lanes (no 128-bit SIMD) the Vector API gains nothing over scalar code. */
    static final int MIN_LANES = 4;

    private Kernels() {
    }

    public static KernelChoice select(String preference) {
        try {
            return doSelect(preference);
        } catch (Throwable t) { // never throw from startup selection
            return new KernelChoice(ScalarKernel.INSTANCE, "scalar: selection failed: " + t);
        }
    }

    private static KernelChoice doSelect(String preference) {
        String p = preference == null ? "auto" : preference.trim().toLowerCase(Locale.ROOT);
        String note = "";
        if (!p.equals("auto") && !p.equals("vector") && !p.equals("scalar")) {
            note = " (unknown preference '" + preference + "' treated as auto)";
            p = "auto";
        }
        if (p.equals("scalar")) {
            return new KernelChoice(ScalarKernel.INSTANCE, "scalar: preference=scalar");
        }
        Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (module.isEmpty() || !Kernels.class.getModule().canRead(module.get())) {
            return new KernelChoice(ScalarKernel.INSTANCE,
                    "scalar: jdk.incubator.vector not readable (start the JVM with --add-modules jdk.incubator.vector)" + note);
        }
        if (p.equals("auto")) {
            String vmProblem = vmProblem();
            if (vmProblem != null) {
                return new KernelChoice(ScalarKernel.INSTANCE, "scalar: " + vmProblem + note);
            }
        }
        ScoringKernel vector;
        try {
            vector = (ScoringKernel) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            return new KernelChoice(ScalarKernel.INSTANCE, "scalar: Vector API kernel failed to load: " + e + note);
        }
        String wrong = correctnessProblem(vector);
        if (wrong != null) {
            return new KernelChoice(ScalarKernel.INSTANCE, "scalar: Vector API self-check failed: " + wrong + note);
        }
        if (p.equals("vector")) {
            return new KernelChoice(vector, vector.name() + ": preference=vector, self-check passed");
        }
        if (vector.lanes() < MIN_LANES) {
            return new KernelChoice(ScalarKernel.INSTANCE, "scalar: auto, only " + vector.lanes()
                    + " float lanes per vector on this CPU" + note);
        }
        return new KernelChoice(vector, vector.name() + ": auto, HotSpot C2, " + vector.lanes()
                + " float lanes, self-check passed" + note);
    }

    /** Why the VM is unsuitable for the Vector API (null if fine). */
    static String vmProblem() {
        if (System.getProperty("org.graalvm.nativeimage.imagecode") != null) {
            return "running as a native image (Vector API code would run as slow plain Java)";
        }
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return "interpreter only (-Xint)";
        }
        String vmName = System.getProperty("java.vm.name", "");
        if (vmName.contains("Client")) {
            return "client VM (no C2)";
        }
        String useCompiler = CpuFeatures.vmOption("UseCompiler");
        if (useCompiler == null) {
            return "not a HotSpot VM (" + vmName + ")";
        }
        if (!"true".equals(useCompiler)) {
            return "JIT disabled";
        }
        if ("true".equals(CpuFeatures.vmOption("UseJVMCICompiler"))) {
            return "JVMCI (Graal) JIT instead of C2";
        }
        String tiered = CpuFeatures.vmOption("TieredCompilation");
        String stopAt = CpuFeatures.vmOption("TieredStopAtLevel");
        if ("true".equals(tiered) && stopAt != null) {
            try {
                if (Integer.parseInt(stopAt) < 4) {
                    return "C2 disabled (-XX:TieredStopAtLevel=" + stopAt + ")";
                }
            } catch (NumberFormatException ignored) {
                // keep going
            }
        }
        return null;
    }

    /** Compares against a double-precision reference within the proven float32 bound; null if correct. */
    static String correctnessProblem(ScoringKernel k) {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] dims = {1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 128, 257};
        for (int dim : dims) {
            int rows = 5;
            float[] m = new float[rows * dim];
            float[] q = new float[dim];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            for (int i = 0; i < dim; i++) {
                q[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            float[] out = new float[rows];
            k.dotRows(m, dim, q, 0, rows, out, 0);
            for (int r = 0; r < rows; r++) {
                double exact = 0;
                double abs = 0;
                for (int i = 0; i < dim; i++) {
                    exact += (double) m[r * dim + i] * q[i];
                    abs += Math.abs((double) m[r * dim + i] * q[i]);
                }
                float d = k.dot(m, r * dim, q, 0, dim);
                if (Float.floatToRawIntBits(d) != Float.floatToRawIntBits(out[r])) {
                    return "dotRows != dot at dim " + dim;
                }
                double tol = Rounding.gamma(dim) * abs * 1.01 + 1e-30;
                if (Math.abs(d - exact) > tol) {
                    return "dot error " + Math.abs(d - exact) + " > " + tol + " at dim " + dim;
                }
            }
        }
        return null;
    }
}
