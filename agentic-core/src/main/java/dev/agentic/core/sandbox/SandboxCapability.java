package dev.agentic.core.sandbox;

import dev.agentic.core.annotation.Experimental;

/**
 * One property a {@link Sandbox} enforces. A sandbox lists the ones it holds in {@link SandboxCapabilities};
 * "enforces" means the program cannot get around it, not that the sandbox tries.
 *
 * <p>Which requests need which capability is defined by {@link SandboxCapabilities#requiredBy(ExecutionRequest)}.
 */
@Experimental
public enum SandboxCapability {
    /** A run whose {@link NetworkPolicy} is {@linkplain NetworkPolicy#none() none} can reach no network at all. */
    NETWORK_ISOLATION("no network unless the request allows hosts"),
    /**
     * Egress goes only to the hosts a {@link NetworkPolicy} allows, within its connection, byte and time caps;
     * every other destination is refused.
     */
    HOST_ALLOWLIST("egress only to the allowlisted hosts"),
    /**
     * The program starts with the request's environment variables (plus what the sandbox documents it adds,
     * such as {@code PATH}) and none of the host's. Whether it can read the host's processes, and their
     * environment through them, is {@link #FILESYSTEM_ISOLATION}'s concern.
     */
    ENVIRONMENT("the request's environment variables and none of the host's"),
    /**
     * Secrets reach the program as environment variables only (never in its code, a command line or a file)
     * and their values are masked in everything the run returns.
     */
    SECRETS("secrets injected as environment variables and redacted from output"),
    /**
     * The program sees only what the sandbox mounts for it: it cannot read the host's private files or other
     * processes, nor write anywhere on the host outside its own working directory and scratch space, which
     * disappear after the run.
     */
    FILESYSTEM_ISOLATION("no writes to the host outside the run's own directories"),
    /** {@link ExecutionLimits#memoryBytes()}; the implementation states which memory it counts. */
    MEMORY_LIMIT("memory limit"),
    /** {@link ExecutionLimits#cpuTime()}. */
    CPU_TIME_LIMIT("CPU-time limit"),
    /** {@link ExecutionLimits#maxProcesses()}, counted for the run alone. */
    PROCESS_LIMIT("process limit"),
    /** {@link ExecutionLimits#wallTime()}: the run ends at the limit and keeps its output so far. */
    WALL_TIME_LIMIT("wall-time limit"),
    /** {@link ExecutionLimits#maxOutputBytes()}: output past the cap is cut and marked truncated. */
    OUTPUT_LIMIT("output cap"),
    /** {@link ExecutionLimits#maxFileSizeBytes()}: no single written file grows past it. */
    FILE_SIZE_LIMIT("file-size limit"),
    /** {@link ExecutionLimits#maxDiskBytes()}: the run's scratch space holds no more than this. */
    DISK_LIMIT("disk limit"),
    /** {@link ExecutionLimits#maxOpenFiles()}. */
    OPEN_FILES_LIMIT("open-files limit"),
    /** {@link ExecutionRequest#inputFiles()} are placed in the working directory before the program starts. */
    INPUT_FILES("input files"),
    /**
     * Files matching {@link ExecutionRequest#outputGlobs()} are collected after the run, within
     * {@link ExecutionLimits#maxOutputFiles()} and {@link ExecutionLimits#maxFileSizeBytes()}.
     */
    OUTPUT_FILES("output files"),
    /** {@link Sandbox#openSession(SessionOptions)} opens stateful sessions. */
    SESSIONS("stateful sessions");

    private final String description;

    SandboxCapability(String description) {
        this.description = description;
    }

    /** A few words for error messages: {@code egress only to the allowlisted hosts}. */
    public String description() {
        return description;
    }
}
