/// A pattern where `*` stands for any run of characters (other than a line break) and every
/// other character stands for itself: how `key:raw/*` and `group:"ana*"` match.
struct WildcardPattern: Sendable {
    private let pattern: [Unicode.Scalar]

    init(_ pattern: String) { self.pattern = Array(pattern.unicodeScalars) }

    /// Whether the whole of `text` matches.
    func matches(_ text: String) -> Bool {
        let text = Array(text.unicodeScalars)
        // matched[j]: whether the pattern so far matches text[..<j].
        var matched = [Bool](repeating: false, count: text.count + 1)
        matched[0] = true
        for symbol in pattern {
            var next = [Bool](repeating: false, count: text.count + 1)
            if symbol == "*" {
                next[0] = matched[0]
                for j in text.indices { next[j + 1] = matched[j + 1] || (next[j] && text[j] != "\n") }
            } else {
                for j in 0..<text.count where matched[j] && text[j] == symbol { next[j + 1] = true }
            }
            matched = next
        }
        return matched[text.count]
    }
}
