/// A token of the selection string syntax, with where it starts.
struct SelectionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case equal, and, or, not, star, plus, digits, colon, leftParen, rightParen, comma
        /// `key`, `tag`, `group`, ... (see ``SelectionLexer/attributeNames``).
        case attributeName
        /// `sinks` or `roots`.
        case functionName
        /// `"..."`: any characters but `"`, `\` and line breaks.
        case quotedString
        /// A name: a letter or `_`, then letters, digits, `_` and `/`.
        case unquotedString
        /// A name that contains `*`.
        case wildcardString
        /// `<null>`: no value.
        case nullString
        /// The end of the input.
        case end
        /// Text no token matches; `problem` says why.
        case invalid(problem: String)
    }

    let kind: Kind
    /// The token's text as written (quotes included).
    let text: String
    /// Where the token starts, in Unicode scalars from the start of the input.
    let offset: Int

    /// How error messages name the token: `"+"`, `key`, or `the end of the selection`.
    var quotedForMessage: String {
        switch kind {
        case .end: return "the end of the selection"
        case .quotedString: return text
        default: return "\"\(text)\""
        }
    }
}

/// Splits a selection string into tokens as Dagster's selection grammar does: longest match
/// first, keywords before names of the same length, spaces, tabs and line breaks skipped.
/// The last token is `.end`, or `.invalid` where no token matches.
enum SelectionLexer {
    /// Attribute names, in the order of Dagster's grammar. Only `key`, `tag`, `group`, `kind`,
    /// `owner`, `is` and `partitions` can be resolved against an asset graph; the others need an instance.
    static let attributeNames: [String] = [
        "key", "owner", "group", "tag", "kind", "is", "code_location", "status", "column", "table_name",
        "column_tag", "changed_in_branch", "partitions", "automation_type", "sensor", "schedule", "job",
    ]
    static let functionNames: Set<String> = ["sinks", "roots"]
    private static let operatorKinds: [String: SelectionToken.Kind] = [
        "and": .and, "AND": .and, "or": .or, "OR": .or, "not": .not, "NOT": .not,
    ]
    private static let punctuation: [Unicode.Scalar: SelectionToken.Kind] = [
        "=": .equal, "+": .plus, ":": .colon, "(": .leftParen, ")": .rightParen, ",": .comma,
    ]

    static func tokens(_ input: String) -> [SelectionToken] {
        let scalars = Array(input.unicodeScalars)
        var tokens: [SelectionToken] = []
        var position = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        func run(from start: Int, while accepts: (Unicode.Scalar) -> Bool) -> Int {
            var end = start
            while end < scalars.count, accepts(scalars[end]) { end += 1 }
            return end
        }
        while true {
            position = run(from: position) { " \t\r\n".unicodeScalars.contains($0) }
            guard position < scalars.count else {
                tokens.append(SelectionToken(kind: .end, text: "", offset: position))
                return tokens
            }
            let scalar = scalars[position]
            let token: SelectionToken
            if let kind = punctuation[scalar] {
                token = SelectionToken(kind: kind, text: String(scalar), offset: position)
            } else if isDigit(scalar) {
                token = SelectionToken(kind: .digits, text: text(position..<run(from: position, while: isDigit)), offset: position)
            } else if scalar == "\"" {
                token = quotedString(scalars, from: position)
            } else if scalar == "<" {
                let end = min(position + 6, scalars.count)
                token = text(position..<end) == "<null>"
                    ? SelectionToken(kind: .nullString, text: "<null>", offset: position)
                    : SelectionToken(kind: .invalid(problem: "\"<\" starts only <null>"), text: "<", offset: position)
            } else if isNameStart(scalar) || scalar == "*" {
                let nameEnd = isNameStart(scalar) ? run(from: position, while: isNameCharacter) : position
                let wildcardEnd = run(from: position) { isNameCharacter($0) || $0 == "*" }
                let word = text(position..<max(nameEnd, wildcardEnd))
                token = SelectionToken(kind: wordKind(word, isWildcard: wildcardEnd > nameEnd), text: word, offset: position)
            } else {
                token = SelectionToken(
                    kind: .invalid(problem: "the character \"\(scalar)\" has no meaning in a selection"), text: String(scalar),
                    offset: position)
            }
            tokens.append(token)
            if case .invalid = token.kind { return tokens }
            position += token.text.unicodeScalars.count
        }
    }

    private static func wordKind(_ word: String, isWildcard: Bool) -> SelectionToken.Kind {
        if word == "*" { return .star }
        if isWildcard { return .wildcardString }
        if let kind = operatorKinds[word] { return kind }
        if attributeNames.contains(word) { return .attributeName }
        if functionNames.contains(word) { return .functionName }
        return .unquotedString
    }

    private static func quotedString(_ scalars: [Unicode.Scalar], from start: Int) -> SelectionToken {
        var end = start + 1
        while end < scalars.count {
            switch scalars[end] {
            case "\"":
                return SelectionToken(
                    kind: .quotedString, text: String(String.UnicodeScalarView(scalars[start...end])), offset: start)
            case "\\":
                return SelectionToken(
                    kind: .invalid(problem: "a quoted value cannot contain a backslash"), text: "\"", offset: start)
            case "\r", "\n":
                return SelectionToken(
                    kind: .invalid(problem: "a quoted value cannot span lines; close it with \" first"), text: "\"",
                    offset: start)
            default: end += 1
            }
        }
        return SelectionToken(kind: .invalid(problem: "this quote is never closed; add a closing \""), text: "\"", offset: start)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || isDigit(scalar) || scalar == "/"
    }
}
