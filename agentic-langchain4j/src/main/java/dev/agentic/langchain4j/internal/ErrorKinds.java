package dev.agentic.langchain4j.internal;

import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.ModelException.Kind;
import dev.agentic.core.secret.Redactor;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * LangChain4j's exceptions as {@link ModelException} kinds, judged by type first and by the HTTP status and
 * the vendor's error text where the type is too coarse (context too long and content filtering are both
 * "invalid request" to LangChain4j; overload is an "internal server error").
 */
public final class ErrorKinds {
    private ErrorKinds() {}

    /** {@code failure} (anything a LangChain4j model threw or reported) as a {@link ModelException}. */
    public static ModelException map(Throwable failure, String modelId) {
        return map(failure, modelId, Redactor.none());
    }

    /**
     * {@code failure} as a {@link ModelException} whose message has the values of {@code redactor} masked (a
     * server may echo the API key in its error body). When a message anywhere in {@code failure}'s cause chain
     * holds such a value, the exception carries no cause, so that no message or stack trace shows the value.
     */
    public static ModelException map(Throwable failure, String modelId, Redactor redactor) {
        if (failure instanceof ModelException e) {
            return e;
        }
        Kind kind = kind(failure);
        Throwable cause = carriesSecret(failure, redactor) ? null : failure;
        return new ModelException(kind, modelId, describe(kind, failure, redactor), cause);
    }

    private static boolean carriesSecret(Throwable failure, Redactor redactor) {
        if (redactor.isEmpty()) {
            return false;
        }
        String messages = allMessages(failure);
        return !redactor.redact(messages).equals(messages);
    }

    static Kind kind(Throwable failure) {
        String text = allMessages(failure);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RateLimitException) {
                return Kind.THROTTLED;
            }
            if (t instanceof TimeoutException
                    || t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)
                    || t instanceof SocketTimeoutException) {
                return Kind.TIMEOUT;
            }
            if (t instanceof AuthenticationException) {
                return Kind.ACCESS_DENIED;
            }
            if (t instanceof ModelNotFoundException) {
                return Kind.MODEL_NOT_FOUND;
            }
            if (t instanceof ContentFilteredException) {
                return Kind.CONTENT_FILTERED;
            }
            if (t instanceof InvalidRequestException) {
                return invalidRequest(text);
            }
            if (t instanceof InternalServerException) {
                return serverError(status(failure));
            }
            if (t instanceof HttpException http) {
                return byStatus(http.statusCode(), text);
            }
            if (t instanceof ConnectException
                    || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedModelServerException
                    || t instanceof UnresolvedAddressException
                    || t instanceof UnknownHostException) {
                return Kind.UNAVAILABLE;
            }
        }
        return Kind.UNKNOWN;
    }

    private static Kind byStatus(int status, String text) {
        if (status == 429) {
            return Kind.THROTTLED;
        } else if (status == 401 || status == 403) {
            return Kind.ACCESS_DENIED;
        } else if (status == 404) {
            return Kind.MODEL_NOT_FOUND;
        } else if (status == 408) {
            return Kind.TIMEOUT;
        } else if (status == 413) {
            return Kind.CONTEXT_TOO_LONG;
        } else if (status >= 500) {
            return serverError(status);
        } else if (status >= 400) {
            return invalidRequest(text);
        }
        return Kind.UNKNOWN;
    }

    private static Kind serverError(int status) {
        // 502/503/504 are a proxy or an overloaded server; 529 is Anthropic's "overloaded".
        return status == 502 || status == 503 || status == 504 || status == 529 ? Kind.UNAVAILABLE : Kind.SERVER_ERROR;
    }

    private static Kind invalidRequest(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("context_length_exceeded")
                || t.contains("maximum context length")
                || t.contains("context window")
                || t.contains("prompt is too long")
                || t.contains("too many tokens")
                || t.contains("input is too long")) {
            return Kind.CONTEXT_TOO_LONG;
        }
        if (t.contains("content_filter") || t.contains("content_policy") || t.contains("content management policy")) {
            return Kind.CONTENT_FILTERED;
        }
        return Kind.INVALID_REQUEST;
    }

    private static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return 0;
    }

    private static String allMessages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String describe(Kind kind, Throwable failure, Redactor redactor) {
        int status = status(failure);
        String vendor = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : redactor.redact(failure.getMessage());
        if (vendor.length() > 500) {
            vendor = vendor.substring(0, 500) + "…";
        }
        String what = status > 0 ? "HTTP " + status + ": " + vendor : vendor;
        switch (kind) {
            case THROTTLED:
                return "the model is rate limited (" + what + "); retry later or add a fallback model";
            case ACCESS_DENIED:
                return "the API key was refused (" + what + "); check the key (OPENAI_API_KEY, ANTHROPIC_API_KEY…)";
            case MODEL_NOT_FOUND:
                return "the server does not know this model (" + what + "); check the model name and base URL";
            case UNAVAILABLE:
                return "the model server cannot be reached or is overloaded (" + what
                        + "); check the base URL or retry";
            case TIMEOUT:
                return "the model did not answer in time (" + what + "); retry or raise the client's timeout";
            case CONTEXT_TOO_LONG:
                return "the conversation is too long for the model (" + what + "); shorten it or use a larger model";
            default:
                return what;
        }
    }
}
