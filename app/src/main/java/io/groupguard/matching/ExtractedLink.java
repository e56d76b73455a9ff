package io.groupguard.matching;

/**
 * A link found in a message.
 *
 * @param asWritten the link as it stands in the message (or the links-field entry)
 * @param host the host as written, lower case, disguised dots resolved; null when unparseable
 * @param asciiHost the host in ASCII (IDN punycode), lower case, used to compare with whitelists
 * @param path path, query and fragment, percent-decoded; empty when absent
 * @param start UTF-16 start in the message text, -1 for a links-field entry
 * @param end UTF-16 end (exclusive) in the message text, -1 for a links-field entry
 */
public record ExtractedLink(String asWritten, String host, String asciiHost, String path, int start, int end) {
}
