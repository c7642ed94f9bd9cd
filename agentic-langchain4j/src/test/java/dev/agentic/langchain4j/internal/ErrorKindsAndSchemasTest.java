package dev.agentic.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.model.ModelException.Kind;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

/** Error kinds other vendors' LangChain4j modules produce, and schemas beyond flat objects. */
class ErrorKindsAndSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void vendorsErrorsMapToTheKindTheyDescribe() {
        assertThat(ErrorKinds.kind(
                        new InternalServerException(new HttpException(529, "{\"type\":\"overloaded_error\"}"))))
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(ErrorKinds.kind(new InternalServerException(new HttpException(500, "boom"))))
                .isEqualTo(Kind.SERVER_ERROR);
        assertThat(ErrorKinds.kind(new InvalidRequestException(
                        new HttpException(400, "prompt is too long: 210000 tokens > 200000"))))
                .isEqualTo(Kind.CONTEXT_TOO_LONG);
        assertThat(ErrorKinds.kind(new InvalidRequestException(new HttpException(400, "messages: field required"))))
                .isEqualTo(Kind.INVALID_REQUEST);
        assertThat(ErrorKinds.kind(new LangChain4jException(new HttpTimeoutException("request timed out"))))
                .isEqualTo(Kind.TIMEOUT);
        assertThat(ErrorKinds.kind(new UnresolvedModelServerException(new RuntimeException("no such host"))))
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(ErrorKinds.kind(new IllegalStateException("something new"))).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void nestedSchemasWithDefinitionsReferencesAndAlternativesSurviveTheRoundTrip() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{"
                + "\"owner\":{\"$ref\":\"#/$defs/Person\"},"
                + "\"when\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]},"
                + "\"ratio\":{\"type\":\"number\"},\"ok\":{\"type\":\"boolean\"}},"
                + "\"required\":[\"owner\"],\"additionalProperties\":false,"
                + "\"$defs\":{\"Person\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
                + "\"required\":[\"name\"]}}}";

        String back = JsonSchemas.toJson(JsonSchemas.toObjectSchema("t", schema));

        assertThat(JSON.readTree(back)).isEqualTo(JSON.readTree(schema));
    }
}
