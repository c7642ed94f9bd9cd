package dev.agentic.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PaymentsApiTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createdCustomerHasACusIdAndCanBeFetchedBack() throws Exception {
        try (PaymentsApi api = PaymentsApi.start()) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/customers"))
                    .header("Authorization", "Bearer " + api.apiKey())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=Alice")));

            assertThat(created.statusCode()).isEqualTo(200);
            String id = created.body().replaceAll(".*\"id\":\"(cus_[A-Za-z0-9]+)\".*", "$1");
            assertThat(id).matches("cus_[A-Za-z0-9]{14}");
            HttpResponse<String> fetched =
                    send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/customers/" + id))
                            .header("Authorization", "Bearer " + api.apiKey()));
            assertThat(fetched.body()).contains("\"name\":\"Alice\"");
            assertThat(api.customer(id)).isPresent();
        }
    }

    @Test
    void requestWithoutTheBearerKeyIsRefusedAndCounted() throws Exception {
        try (PaymentsApi api = PaymentsApi.start()) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/customers"))
                    .POST(HttpRequest.BodyPublishers.ofString("name=Mallory")));

            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(api.unauthorizedRequests()).isEqualTo(1);
            assertThat(api.customerCount()).isZero();
        }
    }
}
