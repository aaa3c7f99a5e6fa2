import OrderedCollections

/// An error captured as data: its class name, message, stack and cause chain.
public struct SerializableError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Swift type name of the error (`ValueError`-like in Dagster).
    public var className: String
    /// The error's message.
    public var message: String
    /// Frames or context lines, outermost first.
    public var stack: [String]
    /// The error that caused this one.
    public var cause: Box?

    /// Holds the cause; a class box keeps the struct's size finite.
    public final class Box: Sendable, Hashable, Codable {
        public let error: SerializableError
        public init(_ error: SerializableError) { self.error = error }
        public static func == (lhs: Box, rhs: Box) -> Bool { lhs.error == rhs.error }
        public func hash(into hasher: inout Hasher) { hasher.combine(error) }
        public init(from decoder: any Decoder) throws {
            error = try decoder.singleValueContainer().decode(SerializableError.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(error)
        }
    }

    /// Creates a serializable error.
    public init(className: String, message: String, stack: [String] = [], cause: SerializableError? = nil) {
        self.className = className
        self.message = message
        self.stack = stack
        self.cause = cause.map(Box.init)
    }

    /// Captures any Swift error, following `DagsterError.cause` links into the cause chain.
    public init(_ error: any Error) {
        if let dagsterError = error as? DagsterError {
            self.init(
                className: dagsterError.code.rawValue, message: dagsterError.message,
                stack: ["at \(dagsterError.location)"],
                cause: dagsterError.cause.map { SerializableError($0) })
        } else {
            self.init(className: String(reflecting: type(of: error)), message: String(describing: error))
        }
    }

    /// The cause chain, this error first.
    public var chain: [SerializableError] {
        var result = [self]
        var next = cause?.error
        while let current = next {
            result.append(current)
            next = current.cause?.error
        }
        return result
    }

    public var description: String {
        chain.map { "\($0.className): \($0.message)" }.joined(separator: "\n  caused by: ")
    }
}
