// validated with no network allowed
public class UrlStreamNoNetwork {
    public static void main(String[] args) throws Exception {
        try (var in = new java.net.URL(args[0]).openStream()) {
            System.out.println(new String(in.readAllBytes()));
        }
    }
}
