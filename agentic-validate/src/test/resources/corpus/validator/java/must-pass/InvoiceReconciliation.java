// validated with the network allowlist: api.stripe.com
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reconciles Stripe invoices against a local ledger export and writes a report below out/.
 * A realistic program of the kind the SDK generates: HTTP to one allowed host, JSON-ish parsing,
 * records, streams, a small thread pool and local files.
 */
public class InvoiceReconciliation {
    private static final String API = "https://api.stripe.com/v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|-?\\d+|true|false|null)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    enum Status { DRAFT, OPEN, PAID, UNCOLLECTIBLE, VOID }

    enum Mismatch { MISSING_IN_LEDGER, MISSING_IN_STRIPE, AMOUNT_DIFFERS, STATUS_DIFFERS }

    record Invoice(String id, String customer, long amountCents, String currency, Status status, LocalDate created) {
        Invoice {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(currency, "currency");
        }

        BigDecimal amount() {
            return BigDecimal.valueOf(amountCents).movePointLeft(2);
        }
    }

    record LedgerEntry(String invoiceId, BigDecimal amount, boolean settled) {
    }

    record Finding(Mismatch kind, String invoiceId, String detail) {
        String toCsv() {
            return kind + "," + invoiceId + ",\"" + detail.replace("\"", "'") + "\"";
        }
    }

    static final class StripeClient {
        private final HttpClient http;
        private final String key;

        StripeClient(String key) {
            this.key = key;
            this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        }

        List<Invoice> invoices(LocalDate since, int limit) throws IOException, InterruptedException {
            List<Invoice> all = new ArrayList<>();
            String startingAfter = null;
            while (true) {
                StringBuilder query = new StringBuilder("limit=").append(limit)
                        .append("&created[gte]=").append(since.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                if (startingAfter != null) {
                    query.append("&starting_after=").append(URLEncoder.encode(startingAfter, StandardCharsets.UTF_8));
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(API + "/invoices?" + query))
                        .header("Authorization", "Bearer " + key)
                        .header("Stripe-Version", "2024-06-20")
                        .timeout(TIMEOUT)
                        .GET()
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    Thread.sleep(1000);
                    continue;
                }
                if (response.statusCode() / 100 != 2) {
                    throw new IOException("Stripe answered " + response.statusCode() + ": " + response.body());
                }
                List<Invoice> page = parseInvoices(response.body());
                all.addAll(page);
                if (page.size() < limit || !response.body().contains("\"has_more\": true")) {
                    return all;
                }
                startingAfter = page.get(page.size() - 1).id();
            }
        }
    }

    static List<Invoice> parseInvoices(String body) {
        List<Invoice> out = new ArrayList<>();
        int data = body.indexOf("\"data\"");
        if (data < 0) {
            return out;
        }
        for (String object : body.substring(data).split("\\{\\s*\"id\"")) {
            Map<String, String> fields = new HashMap<>();
            Matcher m = FIELD.matcher("{\"id\"" + object);
            while (m.find()) {
                fields.putIfAbsent(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
            }
            String id = fields.get("id");
            if (id == null || !id.startsWith("in_")) {
                continue;
            }
            out.add(new Invoice(id, fields.getOrDefault("customer", "unknown"),
                    Long.parseLong(fields.getOrDefault("amount_due", "0")),
                    fields.getOrDefault("currency", "usd").toUpperCase(Locale.ROOT),
                    parseStatus(fields.get("status")),
                    Instant.ofEpochSecond(Long.parseLong(fields.getOrDefault("created", "0")))
                            .atZone(ZoneOffset.UTC).toLocalDate()));
        }
        return out;
    }

    static Status parseStatus(String s) {
        if (s == null) {
            return Status.DRAFT;
        }
        try {
            return Status.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Status.DRAFT;
        }
    }

    static Map<String, LedgerEntry> readLedger(Path csv) throws IOException {
        Map<String, LedgerEntry> ledger = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return ledger;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",");
            if (cols.length < 3) {
                continue;
            }
            ledger.put(cols[0].trim(), new LedgerEntry(cols[0].trim(), new BigDecimal(cols[1].trim()),
                    Boolean.parseBoolean(cols[2].trim())));
        }
        return ledger;
    }

    static List<Finding> reconcile(List<Invoice> invoices, Map<String, LedgerEntry> ledger) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Invoice> byId = invoices.stream()
                .collect(Collectors.toMap(Invoice::id, i -> i, (a, b) -> a, LinkedHashMap::new));
        for (Invoice invoice : byId.values()) {
            LedgerEntry entry = ledger.get(invoice.id());
            if (entry == null) {
                if (invoice.status() != Status.DRAFT && invoice.status() != Status.VOID) {
                    findings.add(new Finding(Mismatch.MISSING_IN_LEDGER, invoice.id(),
                            invoice.amount() + " " + invoice.currency() + " for " + invoice.customer()));
                }
                continue;
            }
            if (entry.amount().compareTo(invoice.amount()) != 0) {
                findings.add(new Finding(Mismatch.AMOUNT_DIFFERS, invoice.id(),
                        "stripe " + invoice.amount() + " vs ledger " + entry.amount()));
            }
            boolean paid = invoice.status() == Status.PAID;
            if (paid != entry.settled()) {
                findings.add(new Finding(Mismatch.STATUS_DIFFERS, invoice.id(),
                        "stripe " + invoice.status() + " vs ledger settled=" + entry.settled()));
            }
        }
        ledger.keySet().stream()
                .filter(id -> !byId.containsKey(id))
                .sorted()
                .forEach(id -> findings.add(new Finding(Mismatch.MISSING_IN_STRIPE, id, "no such invoice")));
        return findings;
    }

    static Map<Mismatch, Long> countByKind(List<Finding> findings) {
        Map<Mismatch, Long> counts = new EnumMap<>(Mismatch.class);
        for (Mismatch m : Mismatch.values()) {
            counts.put(m, 0L);
        }
        findings.forEach(f -> counts.merge(f.kind(), 1L, Long::sum));
        return counts;
    }

    static Map<String, BigDecimal> totalsByCurrency(List<Invoice> invoices) {
        return invoices.stream()
                .filter(i -> i.status() == Status.PAID)
                .collect(Collectors.groupingBy(Invoice::currency, () -> new java.util.TreeMap<>(),
                        Collectors.reducing(BigDecimal.ZERO, Invoice::amount, BigDecimal::add)));
    }

    static Optional<Invoice> largestOpen(List<Invoice> invoices) {
        return invoices.stream()
                .filter(i -> i.status() == Status.OPEN)
                .max(Comparator.comparingLong(Invoice::amountCents));
    }

    static List<String> customersByRevenue(List<Invoice> invoices, int top) {
        Map<String, Long> revenue = new HashMap<>();
        for (Invoice i : invoices) {
            if (i.status() == Status.PAID) {
                revenue.merge(i.customer(), i.amountCents(), Long::sum);
            }
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(revenue.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries.stream().limit(top)
                .map(e -> e.getKey() + "=" + BigDecimal.valueOf(e.getValue()).movePointLeft(2))
                .collect(Collectors.toList());
    }

    static void writeReport(Path dir, List<Finding> findings, Map<String, BigDecimal> totals) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("mismatches.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("kind,invoice,detail");
            w.newLine();
            for (Finding f : findings) {
                w.write(f.toCsv());
                w.newLine();
            }
        }
        StringBuilder summary = new StringBuilder("# Reconciliation ")
                .append(LocalDate.now(ZoneOffset.UTC).format(DAY)).append("\n\n");
        totals.forEach((currency, amount) -> summary.append("- paid ").append(currency).append(": ")
                .append(amount.setScale(2, RoundingMode.HALF_EVEN)).append('\n'));
        summary.append("\n").append(findings.size()).append(" mismatches\n");
        Files.writeString(dir.resolve("summary.md"), summary.toString(), StandardCharsets.UTF_8);
    }

    static List<Invoice> sample() {
        LocalDate day = LocalDate.of(2024, 5, 1);
        List<Invoice> list = new ArrayList<>();
        String[] customers = {"cus_alice", "cus_bob", "cus_carol", "cus_dave"};
        for (int i = 0; i < 24; i++) {
            Status status = Status.values()[i % Status.values().length];
            list.add(new Invoice("in_" + (1000 + i), customers[i % customers.length], 1999L * (i + 1),
                    i % 5 == 0 ? "EUR" : "USD", status, day.plusDays(i)));
        }
        return Collections.unmodifiableList(list);
    }

    public static void main(String[] args) throws Exception {
        String key = System.getenv("STRIPE_API_KEY");
        LocalDate since = args.length > 0 ? LocalDate.parse(args[0], DAY) : LocalDate.now(ZoneOffset.UTC).minusDays(30);
        List<Invoice> invoices;
        if (key == null || key.isBlank()) {
            System.err.println("STRIPE_API_KEY not set; using sample invoices");
            invoices = sample();
        } else {
            invoices = new StripeClient(key).invoices(since, 100);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Map<String, LedgerEntry>> ledger = CompletableFuture.supplyAsync(() -> {
                try {
                    return readLedger(Path.of("ledger.csv"));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read ledger.csv: " + e.getMessage(), e);
                }
            }, pool);
            CompletableFuture<Map<String, BigDecimal>> totals =
                    CompletableFuture.supplyAsync(() -> totalsByCurrency(invoices), pool);
            List<Finding> findings = reconcile(invoices, ledger.join());
            writeReport(Path.of("out", "reconciliation"), findings, totals.join());
            Map<Mismatch, Long> counts = countByKind(findings);
            counts.forEach((kind, n) -> System.out.printf("%-18s %d%n", kind, n));
            largestOpen(invoices).ifPresent(i -> System.out.println("largest open: " + i.id() + " " + i.amount()));
            System.out.println("top customers: " + String.join(", ", customersByRevenue(invoices, 3)));
        } finally {
            pool.shutdown();
        }
    }
}
