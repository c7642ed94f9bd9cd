// validated with the network allowlist: api.github.com
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class GithubIssues {
    private static final URI API = URI.create("https://api.github.com/");
    private static final Pattern LABEL = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    static String get(HttpClient client, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder()
                .uri(API.resolve(path))
                .header("Accept", "application/vnd.github+json")
                .header("User-Agent", "issue-report")
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, Integer> counts = new TreeMap<>();
        for (int page = 1; page <= 3; page++) {
            String body = get(client, "repos/octocat/hello-world/labels?page=" + page);
            Matcher m = LABEL.matcher(body);
            while (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        counts.forEach((k, v) -> System.out.printf("%-20s %d%n", k, v));
    }
}
