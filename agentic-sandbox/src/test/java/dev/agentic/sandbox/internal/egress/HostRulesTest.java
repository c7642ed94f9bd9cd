package dev.agentic.sandbox.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.sandbox.internal.egress.HostRules.AddressKind;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "2130706433",
                "0x7f000001",
                "0x7f.1",
                "0177.0.0.1",
                "127.1",
                "0",
                "[::1]",
                "::1",
                "[::ffff:127.0.0.1]",
                "[0:0:0:0:0:0:0:1]",
                "[fe80::1%25eth0]",
                "169.254.169.254",
                "0.0.0.0",
                "[fd00:ec2::254]",
                "10.0.0.1.",
                "1.2.3.0x4",
                "[::]"
            })
    void ipLiteralsInEveryEncodingAreRecognised(String host) {
        assertThat(HostRules.refuseName(HostRules.normalize(host))).contains(HostRules.IP_LITERAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "api.localhost", "a.b.LocalHost"})
    void localhostNamesAreRefused(String host) {
        assertThat(HostRules.refuseName(HostRules.normalize(host))).contains(HostRules.LOCALHOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", ".a", "evil.test%00", "ex ample.com", "b\u00fccher.de", "a/b", "x@y.com"})
    void malformedNamesAreRefused(String host) {
        assertThat(HostRules.refuseName(HostRules.normalize(host))).contains(HostRules.INVALID_NAME);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api.example.com",
                "pypi.org",
                "1.2.3.example",
                "xn--bcher-kva.de",
                "my_host.test",
                "0x7f.example",
                "Example.COM."
            })
    void ordinaryNamesPassTheNameRules(String host) {
        assertThat(HostRules.refuseName(HostRules.normalize(host))).isEmpty();
    }

    @Test
    void labelsLongerThan63AndNamesLongerThan253AreRefused() {
        assertThat(HostRules.refuseName("a".repeat(64) + ".com")).contains(HostRules.INVALID_NAME);
        assertThat(HostRules.refuseName(("a".repeat(60) + ".").repeat(5) + "com"))
                .contains(HostRules.INVALID_NAME);
    }

    @ParameterizedTest
    @CsvSource({
        "8.8.8.8, PUBLIC",
        "1.1.1.1, PUBLIC",
        "127.0.0.1, LOOPBACK",
        "127.255.0.9, LOOPBACK",
        "10.1.2.3, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "172.32.0.1, PUBLIC",
        "192.168.1.1, PRIVATE",
        "100.64.0.1, SHARED",
        "100.127.255.254, SHARED",
        "100.128.0.1, PUBLIC",
        "169.254.169.254, LINK_LOCAL",
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "255.255.255.255, BROADCAST",
        "240.0.0.1, RESERVED",
        "192.0.2.5, RESERVED",
        "198.18.0.1, RESERVED",
        "203.0.113.9, RESERVED",
        "2606:4700:4700::1111, PUBLIC",
        "::1, LOOPBACK",
        "::, UNSPECIFIED",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:8.8.8.8, PUBLIC",
        "::127.0.0.1, LOOPBACK",
        "::8.8.8.8, RESERVED",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "64:ff9b::808:808, PUBLIC",
        "2002:7f00:1::, LOOPBACK",
        "2002:0808:0808::, PUBLIC",
        "2001:0:4136:e378::1, RESERVED",
        "2001:db8::1, RESERVED",
        "fd00:ec2::254, PRIVATE",
        "fc00::1, PRIVATE",
        "fe80::1, LINK_LOCAL",
        "fec0::1, PRIVATE",
        "ff02::1, MULTICAST",
        "4000::1, RESERVED",
        "100::1, RESERVED"
    })
    void resolvedAddressesAreClassified(String literal, AddressKind expected) throws Exception {
        assertThat(HostRules.classify(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @Test
    void refusalReasonsNameTheKindOfAddress() {
        assertThat(AddressKind.PRIVATE.reason()).isEqualTo("resolves to a private address");
        assertThat(AddressKind.UNSPECIFIED.reason()).isEqualTo("resolves to an unspecified address");
    }
}
