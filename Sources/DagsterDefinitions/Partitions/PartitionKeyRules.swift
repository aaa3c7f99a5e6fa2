import DagsterConfig
import DagsterCore

/// The checks Dagster applies to partition keys given by the user.
enum PartitionKeyRules {
    /// Substrings no partition key may contain: `...` separates a range's ends in the UI and the
    /// CLI, and control characters do not display.
    static let forbiddenSubstrings: [(text: String, name: String)] = [
        ("...", "'...'"), ("\u{07}", "\\a"), ("\u{08}", "\\b"), ("\u{0C}", "\\f"), ("\n", "\\n"), ("\r", "\\r"),
        ("\t", "\\t"), ("\u{0B}", "\\v"), ("\u{00}", "\\0"),
    ]

    /// Characters a static dimension of a multi-partitions definition may not use in its keys.
    static let multiDimensionForbiddenCharacters: Set<Character> = ["|", ",", "[", "]"]

    /// Throws `DagsterError(.invalidDefinition)` for a key with a forbidden substring or a repeated key.
    static func validate(_ keys: [String], in owner: String) throws(DagsterError) {
        for key in keys {
            let found = forbiddenSubstrings.filter { key.contains($0.text) }.map(\.name)
            if !found.isEmpty {
                throw DagsterError(
                    .invalidDefinition,
                    "\(owner): partition key \(key.debugDescription) contains \(found.joined(separator: ", ")); partition "
                        + "keys cannot contain '...' or the control characters \\a \\b \\f \\n \\r \\t \\v \\0")
            }
        }
        var seen = Set<String>()
        var duplicates: [String] = []
        for key in keys where !seen.insert(key).inserted && !duplicates.contains(key) {
            duplicates.append(key)
        }
        if !duplicates.isEmpty {
            throw DagsterError(
                .invalidDefinition,
                "\(owner): partition keys must be unique; repeated: \(PythonText.list(duplicates))")
        }
    }
}
