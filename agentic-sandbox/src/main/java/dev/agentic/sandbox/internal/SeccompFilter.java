package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.SandboxException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the sandbox's seccomp denylist as classic BPF ({@code struct sock_filter[]}), in Java, for
 * x86_64 and aarch64; bwrap loads it with {@code --seccomp FD}. Stateless and thread-safe.
 *
 * <p>The program: a foreign architecture (i386 via {@code int 0x80}, arm32) and x32 syscall numbers are
 * killed; {@code ptrace}, {@code process_vm_*}, {@code perf_event_open}, {@code bpf}, {@code userfaultfd},
 * the key management calls, {@code personality} (other than querying or setting PER_LINUX), the mount family,
 * {@code chroot}, {@code unshare}/{@code setns}, {@code clone} with any {@code CLONE_NEW*} flag, kexec and
 * module loading, {@code open_by_handle_at}, swap, reboot, clock setting, {@code syslog}, {@code acct},
 * {@code quotactl}, {@code fanotify_init}, {@code pidfd_getfd} (which would copy a descriptor out of another
 * process of the run, such as the sandbox init's status pipe), {@code process_madvise}, {@code kcmp} and
 * {@code inotify_init}/{@code inotify_init1} (watches on the shared read-only trees would reveal host file
 * activity) fail with EPERM; {@code pidfd_open} and {@code pidfd_send_signal} stay allowed, as they give no
 * more than {@code kill(2)} and {@code waitid(2)} inside the run's own pid namespace; {@code io_uring_*}, {@code clone3} (glibc falls
 * back to {@code clone}) and the new mount API fail with ENOSYS; {@code ioctl(TIOCSTI)} and
 * {@code ioctl(TIOCLINUX)} fail with EPERM; {@code prctl(PR_SET_PDEATHSIG)} with any signal but SIGKILL fails
 * with EPERM (the sandbox's init runs as the program's uid, so the program can run code in it through
 * {@code /proc/1/mem}; it must not be able to stop that init from dying with bwrap); {@code socket()} of any
 * family other than AF_UNIX, AF_INET and AF_INET6 fails with EAFNOSUPPORT. Everything else is allowed.
 */
public final class SeccompFilter {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int JSET_K = 0x45;
    private static final int RET_K = 0x06;

    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;

    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int EAFNOSUPPORT = 97;

    private static final int OFF_NR = 0;
    private static final int OFF_ARCH = 4;
    private static final int OFF_ARG0 = 16;
    private static final int OFF_ARG1 = 24;

    private static final int CLONE_NEW_ANY = 0x7E020000;
    private static final int TIOCSTI = 0x5412;
    private static final int TIOCLINUX = 0x541C;
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int SIGKILL = 9;

    /** Syscalls (by name) failing with EPERM on every architecture that has them. */
    private static final String[] EPERM_CALLS = {
        "ptrace",
        "process_vm_readv",
        "process_vm_writev",
        "perf_event_open",
        "bpf",
        "userfaultfd",
        "keyctl",
        "add_key",
        "request_key",
        "mount",
        "umount2",
        "pivot_root",
        "chroot",
        "unshare",
        "setns",
        "kexec_load",
        "kexec_file_load",
        "init_module",
        "finit_module",
        "delete_module",
        "open_by_handle_at",
        "name_to_handle_at",
        "swapon",
        "swapoff",
        "reboot",
        "acct",
        "quotactl",
        "lookup_dcookie",
        "syslog",
        "iopl",
        "ioperm",
        "uselib",
        "vhangup",
        "settimeofday",
        "clock_settime",
        "clock_adjtime",
        "adjtimex",
        "fanotify_init",
        "pidfd_getfd",
        "process_madvise",
        "kcmp",
        "inotify_init",
        "inotify_init1"
    };
    /**
     * Memory-backed files: refused (EPERM) when a run has no cgroup to charge them to ({@link #build(Arch,
     * boolean)}), since their pages count against no rlimit.
     */
    private static final String[] MEMFD_CALLS = {"memfd_create", "memfd_secret"};
    /** Syscalls failing with ENOSYS, so libraries fall back to older calls. */
    private static final String[] ENOSYS_CALLS = {
        "io_uring_setup",
        "io_uring_enter",
        "io_uring_register",
        "clone3",
        "open_tree",
        "move_mount",
        "fsopen",
        "fsconfig",
        "fsmount",
        "fspick",
        "mount_setattr"
    };

    private static final Map<String, Integer> X86_64_NRS = Map.ofEntries(
            Map.entry("ptrace", 101),
            Map.entry("process_vm_readv", 310),
            Map.entry("process_vm_writev", 311),
            Map.entry("perf_event_open", 298),
            Map.entry("bpf", 321),
            Map.entry("userfaultfd", 323),
            Map.entry("keyctl", 250),
            Map.entry("add_key", 248),
            Map.entry("request_key", 249),
            Map.entry("personality", 135),
            Map.entry("mount", 165),
            Map.entry("umount2", 166),
            Map.entry("pivot_root", 155),
            Map.entry("chroot", 161),
            Map.entry("unshare", 272),
            Map.entry("setns", 308),
            Map.entry("kexec_load", 246),
            Map.entry("kexec_file_load", 320),
            Map.entry("init_module", 175),
            Map.entry("finit_module", 313),
            Map.entry("delete_module", 176),
            Map.entry("open_by_handle_at", 304),
            Map.entry("name_to_handle_at", 303),
            Map.entry("swapon", 167),
            Map.entry("swapoff", 168),
            Map.entry("reboot", 169),
            Map.entry("acct", 163),
            Map.entry("quotactl", 179),
            Map.entry("lookup_dcookie", 212),
            Map.entry("syslog", 103),
            Map.entry("iopl", 172),
            Map.entry("ioperm", 173),
            Map.entry("uselib", 134),
            Map.entry("vhangup", 153),
            Map.entry("settimeofday", 164),
            Map.entry("clock_settime", 227),
            Map.entry("clock_adjtime", 305),
            Map.entry("adjtimex", 159),
            Map.entry("fanotify_init", 300),
            Map.entry("pidfd_getfd", 438),
            Map.entry("process_madvise", 440),
            Map.entry("kcmp", 312),
            Map.entry("inotify_init", 253),
            Map.entry("inotify_init1", 294),
            Map.entry("memfd_create", 319),
            Map.entry("memfd_secret", 447),
            Map.entry("io_uring_setup", 425),
            Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427),
            Map.entry("open_tree", 428),
            Map.entry("move_mount", 429),
            Map.entry("fsopen", 430),
            Map.entry("fsconfig", 431),
            Map.entry("fsmount", 432),
            Map.entry("fspick", 433),
            Map.entry("clone3", 435),
            Map.entry("mount_setattr", 442),
            Map.entry("socket", 41),
            Map.entry("ioctl", 16),
            Map.entry("clone", 56),
            Map.entry("prctl", 157));

    private static final Map<String, Integer> AARCH64_NRS = Map.ofEntries(
            Map.entry("ptrace", 117),
            Map.entry("process_vm_readv", 270),
            Map.entry("process_vm_writev", 271),
            Map.entry("perf_event_open", 241),
            Map.entry("bpf", 280),
            Map.entry("userfaultfd", 282),
            Map.entry("keyctl", 219),
            Map.entry("add_key", 217),
            Map.entry("request_key", 218),
            Map.entry("personality", 92),
            Map.entry("mount", 40),
            Map.entry("umount2", 39),
            Map.entry("pivot_root", 41),
            Map.entry("chroot", 51),
            Map.entry("unshare", 97),
            Map.entry("setns", 268),
            Map.entry("kexec_load", 104),
            Map.entry("kexec_file_load", 294),
            Map.entry("init_module", 105),
            Map.entry("finit_module", 273),
            Map.entry("delete_module", 106),
            Map.entry("open_by_handle_at", 265),
            Map.entry("name_to_handle_at", 264),
            Map.entry("swapon", 224),
            Map.entry("swapoff", 225),
            Map.entry("reboot", 142),
            Map.entry("acct", 89),
            Map.entry("quotactl", 60),
            Map.entry("lookup_dcookie", 18),
            Map.entry("syslog", 116),
            Map.entry("vhangup", 58),
            Map.entry("settimeofday", 170),
            Map.entry("clock_settime", 112),
            Map.entry("clock_adjtime", 266),
            Map.entry("adjtimex", 171),
            Map.entry("fanotify_init", 262),
            Map.entry("pidfd_getfd", 438),
            Map.entry("process_madvise", 440),
            Map.entry("kcmp", 272),
            Map.entry("inotify_init1", 26),
            Map.entry("memfd_create", 279),
            Map.entry("memfd_secret", 447),
            Map.entry("io_uring_setup", 425),
            Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427),
            Map.entry("open_tree", 428),
            Map.entry("move_mount", 429),
            Map.entry("fsopen", 430),
            Map.entry("fsconfig", 431),
            Map.entry("fsmount", 432),
            Map.entry("fspick", 433),
            Map.entry("clone3", 435),
            Map.entry("mount_setattr", 442),
            Map.entry("socket", 198),
            Map.entry("ioctl", 29),
            Map.entry("clone", 220),
            Map.entry("prctl", 167));

    /** Supported architectures. */
    public enum Arch {
        X86_64(0xC000003E),
        AARCH64(0xC00000B7);

        final int auditArch;

        Arch(int auditArch) {
            this.auditArch = auditArch;
        }

        /** The architecture of this JVM ({@code os.arch}). */
        public static Arch current() {
            String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            switch (a) {
                case "amd64":
                case "x86_64":
                    return X86_64;
                case "aarch64":
                case "arm64":
                    return AARCH64;
                default:
                    throw new SandboxException("The sandbox's seccomp filter supports x86_64 and aarch64, not '" + a
                            + "'. Run on one of those, or choose Isolation.NONE for development only.");
            }
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private SeccompFilter() {}

    /** The filter program for {@code arch}, as bytes ready for {@code bwrap --seccomp}; memory-backed files allowed. */
    public static byte[] build(Arch arch) {
        return build(arch, false);
    }

    /**
     * The filter program for {@code arch}; with {@code denyMemfd}, {@code memfd_create} and {@code memfd_secret}
     * fail with EPERM too (for runs that no cgroup accounts for).
     */
    public static byte[] build(Arch arch, boolean denyMemfd) {
        SeccompFilter f = new SeccompFilter();
        Map<String, Integer> t = arch == Arch.X86_64 ? X86_64_NRS : AARCH64_NRS;
        f.stmt(LD_W_ABS, OFF_ARCH);
        f.jump(JEQ_K, arch.auditArch, 1, 0);
        f.stmt(RET_K, RET_KILL_PROCESS);
        f.stmt(LD_W_ABS, OFF_NR);
        if (arch == Arch.X86_64) {
            f.jump(JGE_K, 0x40000000, 0, 1);
            f.stmt(RET_K, RET_KILL_PROCESS);
        }
        for (String name : EPERM_CALLS) {
            Integer nr = t.get(name);
            if (nr != null) {
                f.deny(nr, EPERM);
            }
        }
        if (denyMemfd) {
            for (String name : MEMFD_CALLS) {
                f.deny(t.get(name), EPERM);
            }
        }
        for (String name : ENOSYS_CALLS) {
            f.deny(t.get(name), ENOSYS);
        }
        // personality(): allow PER_LINUX (0) and the query 0xffffffff, refuse the rest (ASLR off etc.).
        f.jump(JEQ_K, t.get("personality"), 0, 5);
        f.stmt(LD_W_ABS, OFF_ARG0);
        f.jump(JEQ_K, 0, 2, 0);
        f.jump(JEQ_K, 0xffffffff, 1, 0);
        f.stmt(RET_K, RET_ERRNO | EPERM);
        f.stmt(RET_K, RET_ALLOW);
        // clone(): refuse any namespace flag (threads and fork carry none).
        f.jump(JEQ_K, t.get("clone"), 0, 3);
        f.stmt(LD_W_ABS, OFF_ARG0);
        f.jump(JSET_K, CLONE_NEW_ANY, 0, 1);
        f.stmt(RET_K, RET_ERRNO | EPERM);
        f.stmt(LD_W_ABS, OFF_NR);
        // ioctl(): refuse terminal input injection.
        f.jump(JEQ_K, t.get("ioctl"), 0, 5);
        f.stmt(LD_W_ABS, OFF_ARG1);
        f.jump(JEQ_K, TIOCSTI, 1, 0);
        f.jump(JEQ_K, TIOCLINUX, 0, 1);
        f.stmt(RET_K, RET_ERRNO | EPERM);
        f.stmt(RET_K, RET_ALLOW);
        // prctl(PR_SET_PDEATHSIG, sig): only SIGKILL (bwrap's own setting). The sandbox's init runs as the
        // program's uid and can be made to run injected code through /proc/1/mem; its parent-death SIGKILL
        // must stay, or the pid namespace would outlive the host's kill of bwrap.
        f.jump(JEQ_K, t.get("prctl"), 0, 6);
        f.stmt(LD_W_ABS, OFF_ARG0);
        f.jump(JEQ_K, PR_SET_PDEATHSIG, 0, 3);
        f.stmt(LD_W_ABS, OFF_ARG1);
        f.jump(JEQ_K, SIGKILL, 1, 0);
        f.stmt(RET_K, RET_ERRNO | EPERM);
        f.stmt(RET_K, RET_ALLOW);
        // socket(): only AF_UNIX (1), AF_INET (2), AF_INET6 (10).
        f.jump(JEQ_K, t.get("socket"), 0, 6);
        f.stmt(LD_W_ABS, OFF_ARG0);
        f.jump(JEQ_K, 1, 2, 0);
        f.jump(JEQ_K, 2, 1, 0);
        f.jump(JEQ_K, 10, 0, 1);
        f.stmt(RET_K, RET_ALLOW);
        f.stmt(RET_K, RET_ERRNO | EAFNOSUPPORT);
        f.stmt(RET_K, RET_ALLOW);
        return f.out.toByteArray();
    }

    /** Number of instructions in {@code program}. */
    public static int instructionCount(byte[] program) {
        return program.length / 8;
    }

    private void deny(int nr, int errno) {
        jump(JEQ_K, nr, 0, 1);
        stmt(RET_K, RET_ERRNO | errno);
    }

    private void stmt(int code, int k) {
        jump(code, k, 0, 0);
    }

    private void jump(int code, int k, int jt, int jf) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
        out.writeBytes(b.array());
    }
}
