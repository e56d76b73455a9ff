package io.groupguard.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads '{prefix}{tenant}/{id}{suffix}' paths such as {@code /groups/acme/g-1/violations}.
 * Both parts are URL-decoded after splitting, so an id containing '/' is sent as %2F.
 */
record RequestPath(String tenantId, String id) {

  static Optional<RequestPath> match(String rawPath, String prefix, String suffix) {
    if (!rawPath.startsWith(prefix) || !rawPath.endsWith(suffix) || rawPath.length() < prefix.length() + suffix.length()) {
      return Optional.empty();
    }
    String middle = rawPath.substring(prefix.length(), rawPath.length() - suffix.length());
    int separator = middle.indexOf('/');
    if (separator <= 0 || separator == middle.length() - 1 || middle.indexOf('/', separator + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new RequestPath(decode(middle.substring(0, separator)), decode(middle.substring(separator + 1))));
  }

  private static String decode(String segment) {
    // A '+' in a path is a plus sign, not the space of form encoding.
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
