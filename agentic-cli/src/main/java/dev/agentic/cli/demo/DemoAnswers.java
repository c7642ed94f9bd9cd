package dev.agentic.cli.demo;

import dev.agentic.core.annotation.Internal;

/**
 * The two answers of the demo's scripted model, written as a model would write them. The first has a real
 * defect (it sends no API key, so the API answers 401 and the program fails); the second repairs it.
 */
@Internal
public final class DemoAnswers {
    private DemoAnswers() {}

    private static final String CREATE_WITHOUT_AUTH = String.join(
            "\n",
            "import json",
            "import os",
            "import urllib.request",
            "",
            "base_url = os.environ[\"PAYMENTS_BASE_URL\"]",
            "request = urllib.request.Request(",
            "    base_url + \"/v1/customers\",",
            "    data=json.dumps({\"name\": \"Alice\"}).encode(\"utf-8\"),",
            "    headers={\"Content-Type\": \"application/json\"},",
            "    method=\"POST\",",
            ")",
            "with urllib.request.urlopen(request, timeout=10) as response:",
            "    customer = json.load(response)",
            "print(customer[\"id\"])",
            "");

    private static final String CREATE_WITH_AUTH = String.join(
            "\n",
            "import json",
            "import os",
            "import sys",
            "import urllib.error",
            "import urllib.request",
            "",
            "base_url = os.environ[\"PAYMENTS_BASE_URL\"]",
            "api_key = os.environ[\"PAYMENTS_API_KEY\"]",
            "request = urllib.request.Request(",
            "    base_url + \"/v1/customers\",",
            "    data=json.dumps({\"name\": \"Alice\"}).encode(\"utf-8\"),",
            "    headers={",
            "        \"Content-Type\": \"application/json\",",
            "        \"Authorization\": \"Bearer \" + api_key,",
            "    },",
            "    method=\"POST\",",
            ")",
            "try:",
            "    with urllib.request.urlopen(request, timeout=10) as response:",
            "        customer = json.load(response)",
            "except urllib.error.HTTPError as e:",
            "    print(f\"payments API error {e.code}: {e.read().decode('utf-8', 'replace')}\", file=sys.stderr)",
            "    sys.exit(1)",
            "print(customer[\"id\"])",
            "");

    /**
     * A first answer that works: creates the customer named Alice with the bearer key, reading the API's base
     * URL and key from the environment variables {@code baseUrlVariable} and {@code keyVariable}.
     */
    public static String createCustomer(String baseUrlVariable, String keyVariable) {
        return "I'll create the customer with one authenticated POST and print her id.\n\n```python\n"
                + CREATE_WITH_AUTH
                        .replace("PAYMENTS_BASE_URL", baseUrlVariable)
                        .replace("PAYMENTS_API_KEY", keyVariable)
                + "```\n";
    }

    /** Answer 1: creates the customer but forgets the Authorization header. */
    public static String firstAttempt() {
        return "I'll create the customer with a POST to the customers endpoint.\n\n```python\n" + CREATE_WITHOUT_AUTH
                + "```\n";
    }

    /** Answer 2: the repair, sending the bearer key from the environment. */
    public static String repaired() {
        return "The API answered 401 Unauthorized: the request had no API key. This version sends the key "
                + "from PAYMENTS_API_KEY as a bearer token.\n\n```python\n" + CREATE_WITH_AUTH + "```\n";
    }
}
