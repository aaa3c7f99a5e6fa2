import Foundation

/// Where `{env: VAR}` config sources read their variables: a fixed set (tests, a CLI override),
/// or the process environment, read one variable at a time and only when a config uses one.
public struct EnvironmentVariables: Sendable, ExpressibleByDictionaryLiteral {
    private let lookup: @Sendable (String) -> String?

    /// A fixed set of variables.
    public init(_ values: [String: String]) { lookup = { values[$0] } }

    /// A fixed set of variables written as a literal, `["HOME": "/root"]`; a name given twice
    /// keeps its last value.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    private init(lookup: @escaping @Sendable (String) -> String?) { self.lookup = lookup }

    /// The process environment, as it is when a variable is read.
    public static let process = EnvironmentVariables { name in getenv(name).map { String(cString: $0) } }

    /// The value of `name`, or `nil` when it is unset.
    public subscript(name: String) -> String? { lookup(name) }
}
