package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.util.EnumSet;
import java.util.List;

/**
 * How a run's memory limit becomes rlimits and JVM flags. Stateless and thread-safe.
 *
 * <p>Python runs get {@code RLIMIT_AS} = the limit: address space of each process. Java runs cannot live under
 * that: a JVM reserves far more address space than it ever uses (the whole {@code lib/modules} image is mapped,
 * about 130 MB; heap, class space, code cache and malloc arenas are reserved up front), so a JVM needs about
 * 400 MB of address space to print one line. Java runs therefore get {@code RLIMIT_DATA} = the limit, which
 * counts private writable memory of each process (heap, metaspace, thread stacks, native allocations) and not
 * reservations or read-only file mappings, plus a ceiling of the limit and {@link #JAVA_ADDRESS_SPACE_ALLOWANCE}
 * on the address space. The heap is committed up front ({@code -Xms} = {@code -Xmx}) and sized so that the rest
 * of the JVM (measured at about 56 MiB with the flags below, on JDK 17 and 25, compiling the program in the
 * single-file launcher) fits beside it: a program that allocates past its heap gets the JVM's own
 * {@code OutOfMemoryError} instead of a crash.
 *
 * <p>JavaScript and TypeScript runs (Node.js) cannot live under {@code RLIMIT_AS} either: V8 reserves address
 * space for its heap cage and code range up front, and Node 24's V8 makes its whole 512 MiB code range
 * readable, writable and executable at start-up, which {@code RLIMIT_DATA} counts although none of it is touched
 * (measured: {@code prlimit --data=512m node -e 1} dies with "Failed to reserve virtual memory for CodeRange",
 * 600m works). Node runs therefore get {@code RLIMIT_DATA} = the limit plus {@link #NODE_CODE_RANGE}, an
 * address-space ceiling {@link #NODE_ADDRESS_SPACE_ALLOWANCE} above that, and a V8 old-generation heap
 * ({@code --max-old-space-size}) sized to fit inside the limit; the whole run's memory (its cgroup, else the
 * supervisor) holds the limit itself.
 */
public final class MemoryLimit {
    private static final long MIB = 1024L * 1024;
    /** The smallest limit a Java run starts under (javac in the source launcher needs 24 MiB of heap). */
    public static final long JAVA_MINIMUM = 96 * MIB;
    /** The smallest limit a Python run starts under (the interpreter and its standard modules). */
    public static final long PYTHON_MINIMUM = 32 * MIB;
    /** What a Java run may map beyond its limit without writing to it (module image, reservations). */
    static final long JAVA_ADDRESS_SPACE_ALLOWANCE = 1024 * MIB;
    /** What the JVM needs beside its heap: metaspace, class space, code cache, stacks, CDS, malloc. */
    static final long JAVA_NON_HEAP = 72 * MIB;

    private static final long JAVA_MIN_HEAP = 24 * MIB;

    /**
     * The smallest limit a Node.js run starts under: about 40 MiB resident at start (8 MiB of it private), and
     * the smallest useful heap beside it.
     */
    public static final long NODE_MINIMUM = 64 * MIB;
    /** V8's code range, mapped writable at start-up by Node 24 and counted by {@code RLIMIT_DATA}. */
    static final long NODE_CODE_RANGE = 512 * MIB;
    /** Address space Node.js reserves beyond its data (heap cage, thread stacks; measured 1.25 GB at start). */
    static final long NODE_ADDRESS_SPACE_ALLOWANCE = 2048 * MIB;
    /** What Node.js needs beside its old generation: young generation, code, buffers, stacks, malloc. */
    static final long NODE_NON_HEAP = 96 * MIB;

    private static final long NODE_MIN_HEAP = 16 * MIB;

    private MemoryLimit() {}

    /** The smallest memory limit a run in {@code language} starts under. */
    public static long minimum(Language language) {
        if (isNode(language)) {
            return NODE_MINIMUM;
        }
        return language == Language.JAVA ? JAVA_MINIMUM : PYTHON_MINIMUM;
    }

    /**
     * Refuses a limit below {@link #minimum(Language)} before anything runs.
     *
     * @throws UnsupportedCapabilityException naming the minimum
     */
    public static void check(Language language, ExecutionLimits limits) {
        long min = minimum(language);
        if (limits.memoryBytes() < min) {
            throw new UnsupportedCapabilityException(
                    "LocalSandbox cannot run " + language.displayName() + " under a memory limit of "
                            + limits.memoryBytes() + " bytes: the smallest workable limit is " + (min / MIB)
                            + " MiB (" + min + " bytes). Ask for at least that: "
                            + "ExecutionLimits.builder().memoryBytes(" + min + "L).",
                    EnumSet.of(SandboxCapability.MEMORY_LIMIT));
        }
    }

    /** The {@code prlimit} memory options for a run: {@code --as} for Python, {@code --data} and {@code --as} for Java. */
    static List<String> rlimits(Language language, long memoryBytes) {
        if (isNode(language)) {
            long data = saturatingAdd(memoryBytes, NODE_CODE_RANGE);
            return List.of("--data=" + data, "--as=" + saturatingAdd(data, NODE_ADDRESS_SPACE_ALLOWANCE));
        }
        if (language != Language.JAVA) {
            return List.of("--as=" + memoryBytes);
        }
        return List.of("--data=" + memoryBytes, "--as=" + javaAddressSpace(memoryBytes));
    }

    /** Whether {@code language} runs on Node.js. */
    static boolean isNode(Language language) {
        return language == Language.JAVASCRIPT || language == Language.TYPESCRIPT;
    }

    private static long saturatingAdd(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /**
     * V8's old-generation heap for a limit: three quarters of it, less when the rest of Node would not fit, never
     * under 16 MiB.
     */
    static long nodeHeapMiB(long memoryBytes) {
        long heap = Math.min(memoryBytes / 4 * 3, memoryBytes - NODE_NON_HEAP);
        return Math.max(NODE_MIN_HEAP, heap) / MIB;
    }

    /**
     * Node.js flags for a limit: the old-generation heap and one V8 worker thread (threads count against the
     * process limit).
     */
    static List<String> nodeFlags(long memoryBytes) {
        return List.of("--max-old-space-size=" + nodeHeapMiB(memoryBytes), "--v8-pool-size=1");
    }

    static long javaAddressSpace(long memoryBytes) {
        return memoryBytes > Long.MAX_VALUE - JAVA_ADDRESS_SPACE_ALLOWANCE
                ? Long.MAX_VALUE
                : memoryBytes + JAVA_ADDRESS_SPACE_ALLOWANCE;
    }

    /** The Java heap for a limit: half of it, less when the rest of the JVM would not fit, never under 24 MiB. */
    static long javaHeapMiB(long memoryBytes) {
        long heap = Math.min(memoryBytes / 2, memoryBytes - JAVA_NON_HEAP);
        return Math.max(JAVA_MIN_HEAP, heap) / MIB;
    }

    /**
     * JVM flags for a limit: a committed heap, serial GC (no GC threads), one active processor, small stacks,
     * capped code cache and metaspace, client compiler only, no perf-data file, and crash logs in {@code /tmp}
     * (never among the program's output files).
     */
    static List<String> jvmFlags(long memoryBytes) {
        long heapMiB = javaHeapMiB(memoryBytes);
        return List.of(
                "-Xms" + heapMiB + "m",
                "-Xmx" + heapMiB + "m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxMetaspaceSize=96m",
                "-XX:CompressedClassSpaceSize=32m",
                "-XX:ActiveProcessorCount=1",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-XX:ErrorFile=/tmp/hs_err_pid%p.log",
                "-Djava.io.tmpdir=/tmp");
    }

    /** The note saying how memory was limited, for a run's result. */
    static String note(Language language, long memoryBytes) {
        if (isNode(language)) {
            long data = saturatingAdd(memoryBytes, NODE_CODE_RANGE);
            return "RLIMIT_DATA " + data + " bytes per process (the limit plus the 512 MiB V8 code range Node.js "
                    + "maps writable up front without using it), RLIMIT_AS "
                    + saturatingAdd(data, NODE_ADDRESS_SPACE_ALLOWANCE) + " bytes as a ceiling; V8 heap "
                    + "--max-old-space-size=" + nodeHeapMiB(memoryBytes) + " (MiB; past it Node.js ends with "
                    + "\"JavaScript heap out of memory\")";
        }
        if (language != Language.JAVA) {
            return "RLIMIT_AS " + memoryBytes + " bytes per process";
        }
        return "RLIMIT_DATA " + memoryBytes + " bytes per process (private writable memory: heap, metaspace, "
                + "stacks, native allocations; the JVM's reserved address space is not counted), RLIMIT_AS "
                + javaAddressSpace(memoryBytes) + " bytes as a ceiling; JVM heap -Xmx" + javaHeapMiB(memoryBytes)
                + "m committed up front";
    }
}
