package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentic.core.sandbox.ExecutionResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Catalogue A17, F57 and F61 with native code: machine code run through ctypes, raw syscalls against the
 * sandbox's init, and a C-stack overflow. Asserted on the host: the reported outcome, nothing left running.
 */
class NativeKernelHostileTest {
    /** Maps a page read-write-execute, copies the machine code given as hex in, calls it, prints what it returned. */
    private static final String RUN_CODE = "import ctypes, mmap\n"
            + "def run(hex_code):\n"
            + "    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
            + "    page.write(bytes.fromhex(hex_code))\n"
            + "    fn = ctypes.CFUNCTYPE(ctypes.c_long)(ctypes.addressof(ctypes.c_char.from_buffer(page)))\n"
            + "    return fn()\n";
    /** {@code mov eax, 39 (getpid); syscall; ret}: the native x86-64 ABI, the control. */
    private static final String NATIVE_GETPID = "b827000000" + "0f05" + "c3";

    private static void assumeX86() {
        assumeThat(System.getProperty("os.arch"))
                .as("machine code in these tests is x86-64")
                .isIn("amd64", "x86_64");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // mov eax, 20 (i386 getpid); int 0x80; ret
        "i386 int 0x80, b814000000cd80c3",
        // mov eax, 0x40000027 (x32 getpid); syscall; ret
        "x32 syscall, b8270000400f05c3"
    })
    void foreignSyscallAbiFromMachineCodeKillsTheProcess(String abi, String code) {
        // F61: the native call returns the sandbox pid; the same call through a foreign ABI is killed by
        // seccomp (SIGSYS) before the kernel runs it. Some kernels refuse the ABI themselves (int 0x80 raises
        // SIGSEGV there even without any sandbox); on those the call is still never run, with the kernel's signal.
        assumeX86();
        String program = RUN_CODE + "print('native', run('" + NATIVE_GETPID + "'), flush=True)\n" + "print('" + abi
                + "', run('" + code + "'), flush=True)\n";
        int kernelOwnSignal = signalOutsideAnySandbox(program);
        ExecutionResult r = Host.sandbox().execute(python(program).build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).signal()).as(r.stderr()).isEqualTo(kernelOwnSignal == 11 ? 11 : 31);
        assertThat(r.stdout()).isEqualTo("native 2\n");
        Host.assertNoRunLeft();
    }

    /** The signal that ends {@code program} under the host's own python3, or 0 when it exits normally. */
    private static int signalOutsideAnySandbox(String program) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", program)
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            int exit = p.waitFor();
            return exit > 128 ? exit - 128 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unboundedRecursionThroughCCodeEndsInAReportedSigsegv() {
        // A17: no recursion limit, recursion that goes through C (repr), so the C stack overflows.
        ExecutionResult r = Host.sandbox()
                .execute(python("import sys\nsys.setrecursionlimit(10 ** 9)\n"
                                + "class Loop:\n    def __repr__(self):\n        return repr(self)\n"
                                + "print('recursing', flush=True)\nrepr(Loop())\nprint('SURVIVED')")
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).signal()).isEqualTo(11);
        assertThat(r.stdout()).isEqualTo("recursing\n");
        Host.assertNoRunLeft();
        Host.assertHostResponsive();
    }

    @Test
    void tracingTheSandboxInitIsRefusedAndItHoldsNoPrivilege() {
        // F57: ptrace attach/seize, process_vm_readv/writev are refused by seccomp. /proc/1/mem of bwrap's init
        // opens (same uid, as the prototype found), but that init has no capabilities, no_new_privs and
        // the same seccomp filter, so running code there gains nothing (see the next test).
        ExecutionResult r = Host.sandbox()
                .execute(python("import ctypes, errno, os\n"
                                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                                + "class iovec(ctypes.Structure):\n    _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]\n"
                                + "buf = ctypes.create_string_buffer(64)\n"
                                + "local = iovec(ctypes.cast(buf, ctypes.c_void_p), 64)\nremote = iovec(0x10000, 64)\n"
                                + "def sc(name, *args):\n    res = libc.syscall(*args)\n"
                                + "    print(name, res, errno.errorcode.get(ctypes.get_errno()))\n"
                                + "sc('ptrace_attach', 101, 16, 1, 0, 0)\nsc('ptrace_seize', 101, 0x4206, 1, 0, 0)\n"
                                + "sc('process_vm_readv', 310, 1, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)\n"
                                + "sc('process_vm_writev', 311, 1, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)\n"
                                + "for line in open('/proc/1/status'):\n"
                                + "    if line.startswith(('CapEff', 'CapPrm', 'CapBnd', 'NoNewPrivs', 'Seccomp:')):\n"
                                + "        print('init', ' '.join(line.split()))\n")
                        .build());

        assertThat(r.stdout())
                .contains(
                        "ptrace_attach -1 EPERM",
                        "ptrace_seize -1 EPERM",
                        "process_vm_readv -1 EPERM",
                        "process_vm_writev -1 EPERM",
                        "init CapEff: 0000000000000000",
                        "init CapPrm: 0000000000000000",
                        "init CapBnd: 0000000000000000",
                        "init NoNewPrivs: 1",
                        "init Seccomp: 2");
    }

    @Test
    void theParentDeathSignalCanOnlyBeSigkill() {
        // F57 hardening: clearing or weakening PR_SET_PDEATHSIG is refused, so the sandbox init keeps dying
        // with bwrap whatever code runs in it.
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import ctypes, errno\n"
                                        + "libc = ctypes.CDLL(None, use_errno=True)\n"
                                        + "for sig in (0, 15, 17, 9):\n    res = libc.prctl(1, sig, 0, 0, 0)\n"
                                        + "    print('pdeathsig', sig, res, errno.errorcode.get(ctypes.get_errno()) if res else 'ok')\n")
                        .build());

        assertThat(r.stdout())
                .isEqualTo(
                        "pdeathsig 0 -1 EPERM\npdeathsig 15 -1 EPERM\npdeathsig 17 -1 EPERM\n" + "pdeathsig 9 0 ok\n");
    }

    @Test
    void codeInjectedIntoTheSandboxInitCannotKeepTheSandboxAliveAfterTheHostKillsIt() {
        // F57 and B20: the program writes machine code into bwrap's init through /proc/1/mem (clear the
        // parent-death signal, then pause forever), wipes the init's command line (it names the host run
        // directory), wakes the init, starts a marked process and sleeps. When the host kills bwrap on the
        // wall clock, nothing of the run may survive.
        assumeX86();
        try {
            injectIntoInitAndSleep();
        } finally {
            Host.killLeftovers("613.271");
        }
    }

    private static void injectIntoInitAndSleep() {
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, subprocess, time\n"
                                + "pc = int(open('/proc/1/syscall').read().split()[-1], 16)\n"
                                + "stat = open('/proc/1/stat').read()\n"
                                + "fields = stat[stat.rfind(')') + 2:].split()\n"
                                + "arg_start, arg_end = int(fields[45]), int(fields[46])\n"
                                // mov edi, 1; xor esi, esi; mov eax, 157 (prctl PR_SET_PDEATHSIG, 0); syscall;
                                // loop: mov eax, 34 (pause); syscall; jmp loop
                                + "code = bytes.fromhex('bf01000000' '31f6' 'b89d000000' '0f05' 'b822000000' '0f05' 'ebf7')\n"
                                + "with open('/proc/1/mem', 'r+b', buffering=0) as mem:\n"
                                + "    mem.seek(pc)\n    mem.write(code)\n"
                                + "    mem.seek(arg_start)\n    mem.write(b'\\0' * (arg_end - arg_start))\n"
                                + "if os.fork() == 0:\n    if os.fork() == 0:\n        time.sleep(0.1)\n        os._exit(0)\n"
                                + "    os._exit(0)\n"
                                + "os.wait()\ntime.sleep(0.5)\n"
                                + "print('init now in syscall', open('/proc/1/syscall').read().split()[0], flush=True)\n"
                                + "subprocess.Popen(['/bin/sleep', '613.271'])\ntime.sleep(3600)\n")
                        .limits(l -> l.wallTime(Duration.ofSeconds(3)))
                        .build());

        // 34 = pause: the init runs the injected code, yet its parent-death SIGKILL could not be cleared.
        assertThat(r.stdout()).isEqualTo("init now in syscall 34\n");
        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        Host.assertNoProcessLeft("613.271");
        Host.assertNoRunLeft();
        Host.assertNoRunDirectoryLeft();
    }
}
