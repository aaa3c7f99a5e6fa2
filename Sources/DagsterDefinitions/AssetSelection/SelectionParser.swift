/// Parses Dagster's selection string syntax into an ``AssetSelection``, accepting exactly what
/// Dagster's grammar accepts.
///
/// From loosest to tightest binding: `or`, `and`, `not`, then the traversals (`+x`, `2+x`, `x+`,
/// `x+3`, `+x+`) around an attribute (`key:`, `tag:k=v`, ...), a function (`sinks(...)`,
/// `roots(...)`) or a parenthesized expression. `*` alone is every asset and takes no traversal.
struct SelectionParser {
    private let input: String
    private let tokens: [SelectionToken]
    private var index = 0
    private let includeSources: Bool

    /// The selection `input` describes.
    static func parse(_ input: String, includeSources: Bool) throws(SelectionSyntaxError) -> AssetSelection {
        var parser = SelectionParser(input: input, includeSources: includeSources)
        let selection = try parser.expression(minimumPrecedence: 0)
        guard parser.current.kind == .end else {
            throw parser.unexpected(expected: "\"and\", \"or\" or the end of the selection", hint: parser.hintAfterExpression())
        }
        return selection
    }

    private init(input: String, includeSources: Bool) {
        self.input = input
        self.tokens = SelectionLexer.tokens(input)
        self.includeSources = includeSources
    }

    private var current: SelectionToken { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() -> SelectionToken {
        defer { index += 1 }
        return current
    }

    // MARK: Expressions

    private static let andPrecedence = 3
    private static let orPrecedence = 2
    private static let notPrecedence = 4

    /// An expression whose binary operators bind at least as tightly as `minimumPrecedence`;
    /// `and` and `or` associate to the left.
    private mutating func expression(minimumPrecedence: Int) throws(SelectionSyntaxError) -> AssetSelection {
        var left = try primary()
        while true {
            if current.kind == .and, Self.andPrecedence >= minimumPrecedence {
                _ = advance()
                left = left & (try expression(minimumPrecedence: Self.andPrecedence + 1))
            } else if current.kind == .or, Self.orPrecedence >= minimumPrecedence {
                _ = advance()
                left = left | (try expression(minimumPrecedence: Self.orPrecedence + 1))
            } else {
                return left
            }
        }
    }

    private mutating func primary() throws(SelectionSyntaxError) -> AssetSelection {
        switch current.kind {
        case .not:
            _ = advance()
            return .all(includeSources: includeSources) - (try expression(minimumPrecedence: Self.notPrecedence))
        case .star:
            _ = advance()
            return .all(includeSources: includeSources)
        case .digits, .plus:
            let upDepth = try upTraversal()
            let base = try traversable(after: "+")
            guard current.kind == .plus else { return base.upstream(depth: upDepth) }
            return base.upstream(depth: upDepth) | base.downstream(depth: try downTraversal())
        default:
            let base = try traversable(after: nil)
            guard current.kind == .plus else { return base }
            return base.downstream(depth: try downTraversal())
        }
    }

    /// `N+` or `+` before a traversable expression: the upstream depth, `nil` for all levels.
    private mutating func upTraversal() throws(SelectionSyntaxError) -> Int? {
        var depth: Int?
        if current.kind == .digits { depth = Self.depth(advance().text) }
        try expect(.plus, "\"+\" after the depth \(depth.map(String.init) ?? "")")
        return depth
    }

    /// `+` or `+N` after a traversable expression: the downstream depth, `nil` for all levels.
    private mutating func downTraversal() throws(SelectionSyntaxError) -> Int? {
        try expect(.plus, "\"+\"")
        return current.kind == .digits ? Self.depth(advance().text) : nil
    }

    private static func depth(_ digits: String) -> Int { Int(digits) ?? Int.max }

    /// An attribute, a function call or a parenthesized expression: what a traversal applies to.
    private mutating func traversable(after traversal: String?) throws(SelectionSyntaxError) -> AssetSelection {
        switch current.kind {
        case .attributeName:
            return try attribute()
        case .functionName:
            let function = advance().text
            try expect(.leftParen, "\"(\" after \(function)")
            let argument = try parenthesized()
            return function == "sinks" ? argument.sinks() : argument.roots()
        case .leftParen:
            _ = advance()
            return try parenthesized()
        default:
            if let traversal {
                throw unexpected(
                    expected: "an attribute such as key:name, sinks(...), roots(...) or \"(\" after \"\(traversal)\"",
                    hint: current.kind == .plus
                        ? "Write a depth as a number: 2+key:name (the older ++name form takes a bare key and no attribute)."
                        : current.kind == .star ? "\"*\" (every asset) cannot be traversed; use an attribute." : nil)
            }
            throw unexpected(
                expected: "a selection such as key:name, tag:name, group:name, kind:name, owner:name, *, not, \"(\", sinks( or roots(",
                hint: current.kind == .wildcardString && current.text.hasPrefix("*")
                    ? "To select upstream assets, write +key:name (or the older *name, without key:)." : nil)
        }
    }

    /// The rest of `( expression )`, after the opening parenthesis.
    private mutating func parenthesized() throws(SelectionSyntaxError) -> AssetSelection {
        let opening = tokens[index - 1]
        let inner = try expression(minimumPrecedence: 0)
        guard current.kind == .rightParen else {
            throw unexpected(
                expected: "\"and\", \"or\" or \")\" to close the \"(\" at column \(SelectionSyntaxError.column(of: opening.offset, in: input))",
                hint: hintAfterExpression())
        }
        _ = advance()
        return inner
    }

    // MARK: Attributes

    private mutating func attribute() throws(SelectionSyntaxError) -> AssetSelection {
        AssetSelection(try attributeExpression())
    }

    private mutating func attributeExpression() throws(SelectionSyntaxError) -> AssetSelection.Expression {
        let name = advance().text
        try expect(.colon, "\":\" after \(name)")
        switch name {
        case "key":
            guard [.quotedString, .unquotedString, .wildcardString].contains(current.kind) else {
                throw unexpected(
                    expected: "a key after key:, such as raw/orders, raw/* or \"raw/orders\"", hint: quotingHint())
            }
            return .keyWildcard(Self.unquoted(advance()))
        case "tag", "column_tag":
            let keyToken = current
            guard let key = try value(of: name) else {
                throw SelectionSyntaxError(
                    offset: keyToken.offset, problem: "\(name): needs a tag key, not <null>",
                    hint: "To select assets without a tag, use not: not tag:name.")
            }
            var tagValue: String?
            if current.kind == .equal {
                _ = advance()
                tagValue = try value(of: name)
            }
            if name == "column_tag" { return .instanceOnly(attribute: name, value: key) }
            return .tag(key: key, value: tagValue ?? "", includeSources: includeSources)
        case "group":
            guard let group = try value(of: name), !group.isEmpty else { return .groups([], includeSources: includeSources) }
            return group.contains("*")
                ? .groupWildcard(group, includeSources: includeSources) : .groups([group], includeSources: includeSources)
        case "kind":
            return .kind(try value(of: name), includeSources: includeSources)
        case "owner":
            return .owner(try value(of: name))
        case "is":
            let token = current
            guard let attribute = try value(of: name).flatMap(AssetSelection.StructuralAttribute.init(rawValue:)) else {
                throw SelectionSyntaxError(
                    offset: token.offset, problem: "is: takes external or materializable, not \(token.quotedForMessage)",
                    hint: nil)
            }
            return .attribute(attribute)
        case "partitions":
            return .partitions(try value(of: name))
        default:
            return .instanceOnly(attribute: name, value: try value(of: name))
        }
    }

    /// A value after `name:`; `nil` for `<null>`.
    private mutating func value(of name: String) throws(SelectionSyntaxError) -> String? {
        switch current.kind {
        case .nullString:
            _ = advance()
            return nil
        case .quotedString, .unquotedString:
            return Self.unquoted(advance())
        case .attributeName where ["sensor", "schedule", "job"].contains(current.text):
            return advance().text
        default:
            throw unexpected(expected: "a value after \(name): (a name or a quoted string)", hint: quotingHint())
        }
    }

    private static func unquoted(_ token: SelectionToken) -> String {
        token.kind == .quotedString ? String(token.text.dropFirst().dropLast()) : token.text
    }

    // MARK: Errors

    private mutating func expect(_ kind: SelectionToken.Kind, _ description: String) throws(SelectionSyntaxError) {
        guard current.kind == kind else { throw unexpected(expected: description, hint: nil) }
        _ = advance()
    }

    private func unexpected(expected: String, hint: String?) -> SelectionSyntaxError {
        if case .invalid(let problem) = current.kind {
            return SelectionSyntaxError(offset: current.offset, problem: problem, hint: nil)
        }
        return SelectionSyntaxError(
            offset: current.offset, problem: "expected \(expected), but found \(current.quotedForMessage)", hint: hint)
    }

    private func quotingHint() -> String? {
        switch current.kind {
        case .wildcardString, .digits, .attributeName, .functionName, .and, .or, .not:
            return "Put the value in double quotes: \"\(current.text)\"."
        default: return nil
        }
    }

    private func hintAfterExpression() -> String? {
        switch current.kind {
        case .comma:
            return "Join selections with or (key:a or key:b); commas separate selections only in the command line's --select."
        case .plus:
            return "A traversal takes one \"+\" with an optional depth: key:name+2."
        case .attributeName, .functionName, .unquotedString, .quotedString, .star, .leftParen, .not:
            return "Join selections with and / or."
        default: return nil
        }
    }
}
