package dev.agentic.bedrock.internal;

import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.ModelException.Kind;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps what the AWS SDK throws to a {@link ModelException} whose message names the model, the AWS error code
 * and the request id. Access key ids are masked in every message; secret keys never reach one (the SDK does
 * not put them in errors, and we add nothing from the credentials). Stateless.
 */
public final class BedrockErrors {
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\\b");
    private static final Pattern CONTEXT_TOO_LONG = Pattern.compile(
            "too long|too many (input )?tokens|context (window|length)|maximum context|exceeds? the max",
            Pattern.CASE_INSENSITIVE);
    private static final String H2_PREFACE_REFUSED = "First received frame was not SETTINGS";

    private BedrockErrors() {}

    /** The model failure for {@code failure}, unwrapping the futures' wrappers. */
    public static ModelException map(Throwable failure, String modelId) {
        Throwable t = unwrap(failure);
        if (t instanceof ModelException m) {
            return m;
        }
        if (t instanceof AwsServiceException e) {
            return service(e, modelId);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return new ModelException(Kind.TIMEOUT, modelId, "the call timed out: " + clean(t.getMessage()), t);
        }
        if (t instanceof SdkClientException e && String.valueOf(e.getMessage()).contains(H2_PREFACE_REFUSED)) {
            return new ModelException(
                    Kind.UNAVAILABLE,
                    modelId,
                    "the endpoint does not speak HTTP/2 without TLS (h2c), which this BedrockRuntimeAsyncClient "
                            + "uses for http:// endpoints. Build the client with .httpClientBuilder("
                            + "NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)), or let "
                            + "BedrockChatModel build it (it uses HTTP/1.1).",
                    e);
        }
        if (t instanceof SdkClientException e
                && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new ModelException(
                    Kind.ACCESS_DENIED,
                    modelId,
                    "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or "
                            + "pass BedrockChatModel.builder().credentialsProvider(...)",
                    e);
        }
        if (t instanceof SdkException) {
            return new ModelException(
                    Kind.UNAVAILABLE, modelId, "Bedrock could not be reached: " + clean(t.getMessage()), t);
        }
        return new ModelException(Kind.UNKNOWN, modelId, "unexpected failure: " + clean(String.valueOf(t)), t);
    }

    private static ModelException service(AwsServiceException e, String modelId) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String text = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        Kind kind = kind(code, e.statusCode(), text);
        String message = "Bedrock answered " + (code == null ? "an error without a code" : code)
                + " (HTTP " + e.statusCode() + ", request id " + e.requestId() + ")"
                + (text == null || text.isBlank() ? "" : ": " + clean(text))
                + advice(kind);
        return new ModelException(kind, modelId, message, e);
    }

    /** The kind for an AWS error code (in either case, as HTTP errors and in-stream exceptions name it). */
    static Kind kind(String code, int status, String text) {
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        switch (c) {
            case "throttlingexception":
            case "modelnotreadyexception":
            case "servicequotaexceededexception":
            case "toomanyrequestsexception":
                return Kind.THROTTLED;
            case "serviceunavailableexception":
                return Kind.UNAVAILABLE;
            case "modeltimeoutexception":
                return Kind.TIMEOUT;
            case "internalserverexception":
            case "modelstreamerrorexception":
            case "modelerrorexception":
            case "internalfailure":
                return Kind.SERVER_ERROR;
            case "validationexception":
                return text != null && CONTEXT_TOO_LONG.matcher(text).find()
                        ? Kind.CONTEXT_TOO_LONG
                        : Kind.INVALID_REQUEST;
            case "conflictexception":
                return Kind.INVALID_REQUEST;
            case "accessdeniedexception":
            case "unrecognizedclientexception":
            case "invalidsignatureexception":
            case "expiredtokenexception":
            case "incompletesignature":
                return Kind.ACCESS_DENIED;
            case "resourcenotfoundexception":
                return Kind.MODEL_NOT_FOUND;
            default:
                return byStatus(status);
        }
    }

    private static Kind byStatus(int status) {
        if (status == 429) {
            return Kind.THROTTLED;
        }
        if (status == 503) {
            return Kind.UNAVAILABLE;
        }
        if (status == 408 || status == 504) {
            return Kind.TIMEOUT;
        }
        if (status >= 500) {
            return Kind.SERVER_ERROR;
        }
        if (status == 401 || status == 403) {
            return Kind.ACCESS_DENIED;
        }
        return Kind.UNKNOWN;
    }

    private static String advice(Kind kind) {
        switch (kind) {
            case ACCESS_DENIED:
                return ". Check the credentials, that the IAM policy allows bedrock:InvokeModel and "
                        + "bedrock:InvokeModelWithResponseStream (bedrock:InvokeAgent for agents) on it, and that "
                        + "model access is granted.";
            case MODEL_NOT_FOUND:
                return ". Check the model id and the region; some models need an inference profile id "
                        + "(us.…, eu.…).";
            case CONTEXT_TOO_LONG:
                return ". Shorten the conversation or the prompt.";
            default:
                return "";
        }
    }

    /** {@code text} with access key ids masked. */
    public static String clean(String text) {
        return text == null ? "" : ACCESS_KEY_ID.matcher(text).replaceAll("AKIA****");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
