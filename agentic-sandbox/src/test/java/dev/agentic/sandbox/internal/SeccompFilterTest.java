package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the generated BPF with a small classic-BPF interpreter, so the aarch64 program is checked too
 * (the x86_64 one is also exercised for real by the hostile tests).
 */
class SeccompFilterTest {
    private static final int X86_64 = 0xC000003E;
    private static final int AARCH64 = 0xC00000B7;
    private static final int I386 = 0x40000003;
    private static final int ALLOW = 0x7fff0000;
    private static final int KILL = 0x80000000;

    private static int errno(int e) {
        return 0x00050000 | e;
    }

    /** Runs {@code program} on a seccomp_data of (nr, arch, args). */
    static int eval(byte[] program, int arch, int nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int acc = 0;
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            int code = p.getShort(pc * 8) & 0xffff;
            int jt = p.get(pc * 8 + 2) & 0xff;
            int jf = p.get(pc * 8 + 3) & 0xff;
            int k = p.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20:
                    acc = data.getInt(k);
                    pc++;
                    break;
                case 0x15:
                    pc += 1 + (acc == k ? jt : jf);
                    break;
                case 0x35:
                    pc += 1 + (Integer.compareUnsigned(acc, k) >= 0 ? jt : jf);
                    break;
                case 0x45:
                    pc += 1 + ((acc & k) != 0 ? jt : jf);
                    break;
                case 0x06:
                    return k;
                default:
                    throw new AssertionError("unknown opcode " + code);
            }
        }
        throw new AssertionError("program did not return");
    }

    @Test
    void x86ProgramAllowsOrdinaryCallsAndRefusesTheDenylist() {
        byte[] f = SeccompFilter.build(SeccompFilter.Arch.X86_64);

        assertThat(f.length % 8).isZero();
        assertThat(eval(f, X86_64, 0)).isEqualTo(ALLOW); // read
        assertThat(eval(f, X86_64, 101)).isEqualTo(errno(1)); // ptrace
        assertThat(eval(f, X86_64, 272)).isEqualTo(errno(1)); // unshare
        assertThat(eval(f, X86_64, 425)).isEqualTo(errno(38)); // io_uring_setup
        assertThat(eval(f, X86_64, 435)).isEqualTo(errno(38)); // clone3
        assertThat(eval(f, X86_64, 41, 2)).isEqualTo(ALLOW); // socket(AF_INET)
        assertThat(eval(f, X86_64, 41, 1)).isEqualTo(ALLOW); // socket(AF_UNIX)
        assertThat(eval(f, X86_64, 41, 10)).isEqualTo(ALLOW); // socket(AF_INET6)
        assertThat(eval(f, X86_64, 41, 16)).isEqualTo(errno(97)); // socket(AF_NETLINK)
        assertThat(eval(f, X86_64, 41, 17)).isEqualTo(errno(97)); // socket(AF_PACKET)
        assertThat(eval(f, X86_64, 16, 1, 0x5412)).isEqualTo(errno(1)); // ioctl(TIOCSTI)
        assertThat(eval(f, X86_64, 16, 1, 0x541C)).isEqualTo(errno(1)); // ioctl(TIOCLINUX)
        assertThat(eval(f, X86_64, 16, 1, 0x5401)).isEqualTo(ALLOW); // ioctl(TCGETS)
        assertThat(eval(f, X86_64, 56, 0x11L)).isEqualTo(ALLOW); // clone for fork
        assertThat(eval(f, X86_64, 56, 0x3d0f00L)).isEqualTo(ALLOW); // clone for a thread
        assertThat(eval(f, X86_64, 56, 0x10000000L | 0x11)).isEqualTo(errno(1)); // clone(CLONE_NEWUSER)
        assertThat(eval(f, X86_64, 135, 0)).isEqualTo(ALLOW); // personality(PER_LINUX)
        assertThat(eval(f, X86_64, 135, 0xffffffffL)).isEqualTo(ALLOW); // personality query
        assertThat(eval(f, X86_64, 135, 0x0040000)).isEqualTo(errno(1)); // ADDR_NO_RANDOMIZE
        assertThat(eval(f, X86_64, 157, 1, 9)).isEqualTo(ALLOW); // prctl(PR_SET_PDEATHSIG, SIGKILL)
        assertThat(eval(f, X86_64, 157, 1, 0)).isEqualTo(errno(1)); // ... cleared
        assertThat(eval(f, X86_64, 157, 1, 15)).isEqualTo(errno(1)); // ... SIGTERM
        assertThat(eval(f, X86_64, 157, 2, 0)).isEqualTo(ALLOW); // prctl(PR_GET_PDEATHSIG)
        assertThat(eval(f, X86_64, 157, 15, 0)).isEqualTo(ALLOW); // prctl(PR_SET_NAME)
        assertThat(eval(f, X86_64, 0x40000000 + 39)).isEqualTo(KILL); // x32 ABI
        assertThat(eval(f, I386, 1)).isEqualTo(KILL); // int 0x80
    }

    @Test
    void aarch64ProgramUsesItsOwnNumbers() {
        byte[] f = SeccompFilter.build(SeccompFilter.Arch.AARCH64);

        assertThat(eval(f, AARCH64, 63)).isEqualTo(ALLOW); // read
        assertThat(eval(f, AARCH64, 117)).isEqualTo(errno(1)); // ptrace
        assertThat(eval(f, AARCH64, 97)).isEqualTo(errno(1)); // unshare
        assertThat(eval(f, AARCH64, 40)).isEqualTo(errno(1)); // mount
        assertThat(eval(f, AARCH64, 198, 17)).isEqualTo(errno(97)); // socket(AF_PACKET)
        assertThat(eval(f, AARCH64, 198, 2)).isEqualTo(ALLOW);
        assertThat(eval(f, AARCH64, 29, 1, 0x5412)).isEqualTo(errno(1)); // ioctl(TIOCSTI)
        assertThat(eval(f, AARCH64, 220, 0x10000000L)).isEqualTo(errno(1)); // clone(CLONE_NEWUSER)
        assertThat(eval(f, AARCH64, 167, 1, 0)).isEqualTo(errno(1)); // prctl(PR_SET_PDEATHSIG, 0)
        assertThat(eval(f, AARCH64, 167, 1, 9)).isEqualTo(ALLOW);
        assertThat(eval(f, AARCH64, 0x40000000 + 63)).isEqualTo(ALLOW); // no x32 on arm64
        assertThat(eval(f, X86_64, 0)).isEqualTo(KILL); // foreign arch
    }
}
