package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits for one run. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Defaults: 30 s wall time, 10 s CPU, 512 MiB memory, 64 processes, 1 MiB of stdout and of stderr
 * each, 64 MiB per written file, 128 MiB of scratch disk, 256 open files, 32 collected output files.
 *
 * <p><b>Which limits a sandbox must enforce.</b> Every request carries all of these values, so a value is
 * taken as <em>requested</em> only when it differs from {@link #defaults()}: a sandbox that lacks the matching
 * {@link SandboxCapability} (for example {@link SandboxCapability#MEMORY_LIMIT} on a remote sandbox whose
 * memory is fixed) refuses such a request with an {@link UnsupportedCapabilityException} instead of running
 * it without the limit. Default values are enforced where the sandbox can, and its
 * {@link Sandbox#capabilities()} and each result's {@link ExecutionOutput#notes()} say which are. See
 * {@link SandboxCapabilities} for the complete rule.
 *
 * <p><b>Semantics.</b> Each limit below names what it counts; how a sandbox counts it is stated by the
 * implementation (its Javadoc and the result's notes).
 * <ul>
 *   <li>{@link #wallTime()}: elapsed time from the moment the sandbox starts the run (after any wait for a
 *       free slot) until the whole process tree is gone, interpreter start-up and compilation included. On
 *       expiry the run is {@link ExecutionResult.TimedOut} and keeps its output so far.
 *   <li>{@link #cpuTime()}: CPU time of all the run's processes together, user plus system. An
 *       implementation with per-second granularity rounds up. Exceeding it ends the run as
 *       {@link ExecutionResult.Killed} with {@link Limit#CPU_TIME}.
 *   <li>{@link #memoryBytes()}: memory of the run. Implementations count different things and say which:
 *       <em>address space</em> ({@code RLIMIT_AS}: virtual memory per process, including reservations that
 *       never touch RAM, so runtimes such as the JVM need matching flags), <em>resident memory of the whole
 *       run</em> (a cgroup's {@code memory.max}: pages in RAM of every process, tmpfs included), or the size
 *       of a virtual machine. Exceeding it is {@link ExecutionResult.Killed} with {@link Limit#MEMORY}, or
 *       {@link ExecutionResult.Failed} when the program's runtime reports the failed allocation itself
 *       ({@code MemoryError}, {@code OutOfMemoryError}).
 *   <li>{@link #maxProcesses()}: processes and threads alive at once in the run, the first one included.
 *   <li>{@link #maxOutputBytes()}: bytes of stdout and, separately, of stderr, before decoding; past it the
 *       stream is cut, marked truncated, and the run killed ({@link Limit#OUTPUT}).
 *   <li>{@link #maxFileSizeBytes()}: size of any one file the program writes (a larger write fails); also
 *       the cap on each collected output file and on all of them together.
 *   <li>{@link #maxDiskBytes()}, {@link #maxOpenFiles()}, {@link #maxOutputFiles()}: see each accessor.
 * </ul>
 *
 * <p><b>In a session</b> ({@link SandboxSession}) these are the limits of each run: wall time (or the run's
 * {@link SessionRequest#timeout()}), CPU time and output count per run. Memory, processes, disk and open
 * files bound the session's interpreter, which lives across runs, as a whole. An implementation that can
 * only count CPU time for the whole session says so in its Javadoc.
 */
@Stable
public final class ExecutionLimits {
    private static final ExecutionLimits DEFAULTS = builder().build();

    private final Duration wallTime;
    private final Duration cpuTime;
    private final long memoryBytes;
    private final int maxProcesses;
    private final long maxOutputBytes;
    private final long maxFileSizeBytes;
    private final long maxDiskBytes;
    private final int maxOpenFiles;
    private final int maxOutputFiles;

    private ExecutionLimits(Builder b) {
        this.wallTime = b.wallTime;
        this.cpuTime = b.cpuTime;
        this.memoryBytes = b.memoryBytes;
        this.maxProcesses = b.maxProcesses;
        this.maxOutputBytes = b.maxOutputBytes;
        this.maxFileSizeBytes = b.maxFileSizeBytes;
        this.maxDiskBytes = b.maxDiskBytes;
        this.maxOpenFiles = b.maxOpenFiles;
        this.maxOutputFiles = b.maxOutputFiles;
    }

    public static ExecutionLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .wallTime(wallTime)
                .cpuTime(cpuTime)
                .memoryBytes(memoryBytes)
                .maxProcesses(maxProcesses)
                .maxOutputBytes(maxOutputBytes)
                .maxFileSizeBytes(maxFileSizeBytes)
                .maxDiskBytes(maxDiskBytes)
                .maxOpenFiles(maxOpenFiles)
                .maxOutputFiles(maxOutputFiles);
    }

    /** Wall-clock time after which the whole process tree is killed and the run reported as timed out. */
    public Duration wallTime() {
        return wallTime;
    }

    /** CPU time of all the run's processes together (user plus system). */
    public Duration cpuTime() {
        return cpuTime;
    }

    /** Memory of the run; which memory (address space, resident, VM size) the implementation states. */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** Processes and threads alive at once in the run. */
    public int maxProcesses() {
        return maxProcesses;
    }

    /** Cap on stdout and, separately, on stderr; output past it is dropped and the run killed. */
    public long maxOutputBytes() {
        return maxOutputBytes;
    }

    /** Largest file the program may write; also the cap on each collected output file and on their total. */
    public long maxFileSizeBytes() {
        return maxFileSizeBytes;
    }

    /** Size of the scratch file systems (working directory and {@code /tmp}). */
    public long maxDiskBytes() {
        return maxDiskBytes;
    }

    /** Open file descriptors per process. */
    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    /** How many files matching the output globs are collected at most; the rest are not collected. */
    public int maxOutputFiles() {
        return maxOutputFiles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionLimits l
                && wallTime.equals(l.wallTime)
                && cpuTime.equals(l.cpuTime)
                && memoryBytes == l.memoryBytes
                && maxProcesses == l.maxProcesses
                && maxOutputBytes == l.maxOutputBytes
                && maxFileSizeBytes == l.maxFileSizeBytes
                && maxDiskBytes == l.maxDiskBytes
                && maxOpenFiles == l.maxOpenFiles
                && maxOutputFiles == l.maxOutputFiles;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                wallTime,
                cpuTime,
                memoryBytes,
                maxProcesses,
                maxOutputBytes,
                maxFileSizeBytes,
                maxDiskBytes,
                maxOpenFiles,
                maxOutputFiles);
    }

    @Override
    public String toString() {
        return "ExecutionLimits[wall=" + wallTime + ", cpu=" + cpuTime + ", memory=" + memoryBytes
                + ", processes=" + maxProcesses + ", output=" + maxOutputBytes + ", fileSize=" + maxFileSizeBytes
                + ", disk=" + maxDiskBytes + ", openFiles=" + maxOpenFiles + ", outputFiles=" + maxOutputFiles + "]";
    }

    /** Builder for {@link ExecutionLimits}; not thread-safe. Each setter rejects non-positive values. */
    public static final class Builder {
        private Duration wallTime = Duration.ofSeconds(30);
        private Duration cpuTime = Duration.ofSeconds(10);
        private long memoryBytes = 512L * 1024 * 1024;
        private int maxProcesses = 64;
        private long maxOutputBytes = 1024L * 1024;
        private long maxFileSizeBytes = 64L * 1024 * 1024;
        private long maxDiskBytes = 128L * 1024 * 1024;
        private int maxOpenFiles = 256;
        private int maxOutputFiles = 32;

        private Builder() {}

        public Builder wallTime(Duration wallTime) {
            this.wallTime = positive(wallTime, "wallTime");
            return this;
        }

        public Builder cpuTime(Duration cpuTime) {
            this.cpuTime = positive(cpuTime, "cpuTime");
            return this;
        }

        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = positive(memoryBytes, "memoryBytes");
            return this;
        }

        public Builder maxProcesses(int maxProcesses) {
            this.maxProcesses = (int) positive(maxProcesses, "maxProcesses");
            return this;
        }

        public Builder maxOutputBytes(long maxOutputBytes) {
            this.maxOutputBytes = positive(maxOutputBytes, "maxOutputBytes");
            return this;
        }

        public Builder maxFileSizeBytes(long maxFileSizeBytes) {
            this.maxFileSizeBytes = positive(maxFileSizeBytes, "maxFileSizeBytes");
            return this;
        }

        public Builder maxDiskBytes(long maxDiskBytes) {
            this.maxDiskBytes = positive(maxDiskBytes, "maxDiskBytes");
            return this;
        }

        public Builder maxOpenFiles(int maxOpenFiles) {
            this.maxOpenFiles = (int) positive(maxOpenFiles, "maxOpenFiles");
            return this;
        }

        public Builder maxOutputFiles(int maxOutputFiles) {
            this.maxOutputFiles = (int) positive(maxOutputFiles, "maxOutputFiles");
            return this;
        }

        public ExecutionLimits build() {
            return new ExecutionLimits(this);
        }

        private static Duration positive(Duration d, String field) {
            Objects.requireNonNull(d, field);
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException(field + " must be positive, was " + d);
            }
            return d;
        }

        private static long positive(long v, String field) {
            if (v < 1) {
                throw new ConfigurationException(field + " must be positive, was " + v);
            }
            return v;
        }
    }
}
