/**
 * The local sandbox: {@link dev.agentic.sandbox.LocalSandbox} runs Python, single-file Java, and (with Node.js)
 * JavaScript and TypeScript programs in
 * a bubblewrap sandbox on Linux, with limits, no network by default (or an egress allowlist), secrets as
 * environment variables only, and safe collection of output files. Machinery lives in
 * {@code dev.agentic.sandbox.internal} and is not API.
 *
 * <h2>Capabilities</h2>
 *
 * <p>{@link LocalSandbox#capabilities()}: with {@link Isolation#BUBBLEWRAP}, every {@link dev.agentic.core.sandbox.SandboxCapability}. Memory is, for Python, the address space of each process ({@code RLIMIT_AS}); for Java,
 * the private writable memory of each process ({@code RLIMIT_DATA}: heap, metaspace, stacks, native
 * allocations, not the address space the JVM only reserves) under an address-space ceiling one GiB higher;
 * and the memory of the whole run (its cgroup's memory limit, tmpfs, shared memory and kernel memory included;
 * without a cgroup, the supervisor's sampled sum). A request below the smallest workable limit (96 MiB for Java,
 * 32 MiB for Python) is refused with an {@code UnsupportedCapabilityException} naming it. CPU time is the whole
 * run's (the cgroup's counter, else the supervisor's sum over its processes), with {@code RLIMIT_CPU} one second
 * higher per process as a backstop; processes are
 * {@code RLIMIT_NPROC} in the run's own user namespace (and {@code pids.max}); disk is the size of the
 * working-directory and {@code /tmp} tmpfs. With {@link Isolation#NONE} only what holds without isolation:
 * environment, secrets, wall time, output cap, input and output files, and, when {@code prlimit} is
 * installed, the memory, CPU-time, file-size and open-files rlimits; never network isolation, the host
 * allowlist (the policy is ignored), file-system isolation, the disk limit or the process limit
 * ({@code RLIMIT_NPROC} would count every process of the JVM's user, not the run's). Descendants that
 * detach from the run escape its wall time there.
 *
 * <h2>Java programs</h2>
 *
 * <p>Java programs run as {@code java Main.java} (the JDK's single-file source launcher) inside the
 * sandbox, so compilation is confined and limited too; the heap is half the memory limit (less below 144 MiB,
 * so the rest of the JVM fits beside it), committed up front, so a program that allocates past it gets the
 * JVM's own {@code OutOfMemoryError} and a {@code Killed(MEMORY)} result.
 *
 * <h2>Sessions</h2>
 *
 * <p><b>Sessions</b> ({@link LocalSandbox#openSession}; Python, and JavaScript and TypeScript with Node.js): each session is one sandbox, started like a one-shot
 * run, whose small supervisor forks the session's interpreter and talks to this JVM over a framed channel on the
 * sandbox's stdin and stdout. The interpreter's stdout and stderr are pipes only the supervisor reads, and a run
 * ends when the interpreter reports it on a separate pipe; the supervisor is not dumpable, so the program cannot
 * reach its descriptors. Output a program prints, fake delimiters or fake results included, is only ever the
 * payload of that run's output. A run's value is the {@code repr} of its final expression. Each run has its own
 * wall time (the request's timeout, else the session's {@code wallTime}): at the limit the interpreter gets a
 * {@code KeyboardInterrupt}; if it returns within two seconds the result is {@code TimedOut} and the state is
 * kept, otherwise the whole session sandbox is killed and the next run starts a fresh one. Whenever an
 * interpreter is lost (that, output over the cap, a CPU or memory kill, {@code os._exit}), both the run's result
 * and the next one's notes say that variables, imports and files are gone. Memory, processes, file size and
 * disk are limited for the session as a whole, as for one run; CPU time per run through the interpreter's soft
 * {@code RLIMIT_CPU}, which each result's notes describe. {@code reset()} replaces the sandbox; sessions idle
 * past {@link dev.agentic.core.sandbox.SessionOptions#idleTimeout()} end; at most {@link LocalSandbox.Builder#maxSessions} are open at once
 * ({@link LocalSandbox#openSessions()} counts them); {@link LocalSandbox#close()} ends every one. A JavaScript or
 * TypeScript session's supervisor starts {@code node} instead (the same flags and limits as a one-shot run),
 * which evaluates each snippet in one persistent global context in the inspector's REPL mode: top-level
 * declarations persist, top-level await works, the value is {@code util.inspect} of the completion value;
 * synchronous code stops at the wall time by the evaluation's own timeout, a run waiting on a promise by
 * {@code SIGINT}; TypeScript is stripped of its types by the node's {@code module.stripTypeScriptTypes}
 * (Node.js 22.13 or later, else the session is refused).
 *
 * <h2>Prestarted sandboxes and pooled interpreters</h2>
 *
 * <p>{@link LocalSandbox.Builder#prestart} keeps sandboxes set up ahead of demand, so that a run pays only for
 * starting its interpreter; {@link LocalSandbox.Builder#interpreterPool} goes further and keeps Python
 * interpreters already started inside such sandboxes, idle with common standard modules ({@code json},
 * {@code re}, {@code datetime}, {@code collections}, ...) imported and waiting for a program on a pipe. Each
 * prestarted sandbox and each pooled interpreter is fresh and serves exactly one program, and is then
 * discarded with its sandbox, so runs stay as isolated from each other as without them: nothing a program
 * sets, writes or patches reaches the next one. A request uses one only when it needs nothing else that must
 * be known at set-up time: its limits equal {@link LocalSandbox.Builder#prestartLimits} and it has no input
 * files; a request that finds no pooled interpreter falls back to a prestarted sandbox, then to a cold start.
 * Its result's notes say when it ran in a prestarted sandbox or a pooled interpreter, and its wall clock
 * starts with the request, not with the prestart. The {@code ...WithNetwork} variants set the egress
 * plumbing up ahead too (the socket's directory is mounted, the forwarder already listens on
 * {@code 127.0.0.1:3128}, the proxy variables are set); the run's own proxy, with the request's allowlist and
 * caps, starts when the request comes, before the program, so any allowlist can use them.
 *
 * <p>Pools refill in the background, per language and network policy, starting several replacements at once
 * (bounded by the number of cores) so that a burst larger than a pool is soon covered again. The replacement
 * for a sandbox that was taken starts when the run it serves ends, or 25 ms after it was taken if that run is
 * still going: a start-up costs tens of milliseconds of CPU, which would otherwise be taken from that run. After three
 * failed prestarts in a row a pool stops and logs why; runs then start cold. Costs, for as long as the
 * sandbox is open: per prestarted sandbox an idle process tree (a waiting {@code bwrap}, its init and a
 * shell: about 5 MB resident, mostly shared library pages) and its run directory; per pooled interpreter
 * about 15 MB resident; per sandbox with network, the forwarder's Python process too (about 10 MB).
 * {@link LocalSandbox#close()} kills and deletes them all.
 */
package dev.agentic.sandbox;
