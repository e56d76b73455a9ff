package io.groupguard.rules;

import static io.groupguard.rules.ConfigProblems.length;
import static io.groupguard.rules.ConfigProblems.number;

import com.ibm.icu.text.IDNA;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells whether a link whitelist entry is usable: either a domain ({@code shop.example.com}, internationalized
 * names allowed, covering its subdomains) or a URL prefix with an http or https scheme and a host
 * ({@code https://example.com/promo/}).
 */
final class RuleLinkWhitelistEntry {
    /** Browsers and proxies commonly cap URLs near 2,000 characters; a longer prefix could never match. */
    static final int MAX_URL_PREFIX_LENGTH = 2_000;

    /** UTS #46 processing as browsers do it; the instance is immutable and thread-safe. */
    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    private RuleLinkWhitelistEntry() {
    }

    /** Why {@code entry} is not a domain or an http(s) URL prefix, or empty when it is one. */
    static Optional<String> problemWith(String entry) {
        if (entry == null || entry.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (!entry.equals(entry.strip())) {
            return Optional.of("must not start or end with white space");
        }
        int schemeEnd = entry.indexOf("://");
        if (schemeEnd >= 0) {
            return urlPrefixProblem(entry, entry.substring(0, schemeEnd).toLowerCase(Locale.ROOT), schemeEnd + 3);
        }
        if (entry.indexOf('/') >= 0) {
            return Optional.of("is neither a domain nor a URL prefix: a prefix with a path needs a scheme, "
                    + "e.g. 'https://" + entry + "'");
        }
        return hostProblem(entry);
    }

    private static Optional<String> urlPrefixProblem(String entry, String scheme, int authorityStart) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("URL prefix has scheme '" + scheme + "', only http and https are supported");
        }
        if (length(entry) > MAX_URL_PREFIX_LENGTH) {
            return Optional.of("URL prefix is " + number(length(entry)) + " characters long, the limit is "
                    + number(MAX_URL_PREFIX_LENGTH));
        }
        if (entry.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("URL prefix must not contain white space or control characters");
        }
        int authorityEnd = indexOfAny(entry, "/?#", authorityStart);
        String authority = entry.substring(authorityStart, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            return Optional.of("URL prefix must not contain user information ('@')");
        }
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !isPort(authority.substring(colon + 1))) {
            return Optional.of("URL prefix has an invalid port '" + authority.substring(colon + 1) + "'");
        }
        return hostProblem(colon >= 0 ? authority.substring(0, colon) : authority);
    }

    private static Optional<String> hostProblem(String host) {
        if (host.isEmpty()) {
            return Optional.of("has no host name");
        }
        if (host.endsWith(".")) {
            return Optional.of("host name '" + host + "' must not end with '.'");
        }
        if (host.startsWith("*.")) {
            return Optional.of("must not use a wildcard: a domain entry already covers its subdomains");
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = new StringBuilder();
        IDNA_UTS46.nameToASCII(host, ascii, info);
        if (info.hasErrors()) {
            String errors = info.getErrors().stream()
                    .map(error -> error.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .sorted()
                    .collect(Collectors.joining(", "));
            return Optional.of("'" + host + "' is not a valid host name (" + errors + ")");
        }
        if (ascii.indexOf(".") < 0) {
            return Optional.of("host name '" + host + "' needs at least one dot, e.g. 'example.com'");
        }
        return Optional.empty();
    }

    private static boolean isPort(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65_535;
    }

    private static int indexOfAny(String value, String characters, int from) {
        for (int i = from; i < value.length(); i++) {
            if (characters.indexOf(value.charAt(i)) >= 0) {
                return i;
            }
        }
        return value.length();
    }
}
