import Foundation

/// What a job looked like when it ran: its nodes, their inputs, outputs and wiring. Stored with
/// every run (by content id) so hosts and the UI can show a run's graph without its code.
public struct JobSnapshot: Sendable, Hashable, Codable {
    /// One input of a node and the outputs that feed it.
    public struct Input: Sendable, Hashable, Codable {
        /// The input's name.
        public var name: String
        /// The name of its Dagster type.
        public var typeName: String
        /// The upstream outputs, as `node.output` handles (several for fan-in).
        public var upstream: [String]

        /// Creates an input.
        public init(name: String, typeName: String, upstream: [String]) {
            self.name = name
            self.typeName = typeName
            self.upstream = upstream
        }
    }

    /// One output of a node.
    public struct Output: Sendable, Hashable, Codable {
        /// The output's name.
        public var name: String
        /// The name of its Dagster type.
        public var typeName: String
        /// Whether it may be left unproduced.
        public var isOptional: Bool
        /// Whether it is a dynamic output.
        public var isDynamic: Bool

        /// Creates an output.
        public init(name: String, typeName: String, isOptional: Bool = false, isDynamic: Bool = false) {
            self.name = name
            self.typeName = typeName
            self.isOptional = isOptional
            self.isDynamic = isDynamic
        }
    }

    /// One op invocation in the job.
    public struct Node: Sendable, Hashable, Codable {
        /// The node handle (`graph.op`).
        public var handle: String
        /// The name of the op definition it invokes.
        public var opName: String
        /// The op's description.
        public var description: String?
        /// The node's inputs.
        public var inputs: [Input]
        /// The node's outputs.
        public var outputs: [Output]
        /// The op's tags.
        public var tags: [String: String]

        /// Creates a node.
        public init(
            handle: String, opName: String, description: String? = nil, inputs: [Input], outputs: [Output],
            tags: [String: String] = [:]
        ) {
            self.handle = handle
            self.opName = opName
            self.description = description
            self.inputs = inputs
            self.outputs = outputs
            self.tags = tags
        }
    }

    /// The job's name.
    public var name: String
    /// The job's description.
    public var description: String?
    /// The job's tags.
    public var tags: [String: String]
    /// Every node, in plan order.
    public var nodes: [Node]

    /// Creates a snapshot.
    public init(name: String, description: String? = nil, tags: [String: String] = [:], nodes: [Node]) {
        self.name = name
        self.description = description
        self.tags = tags
        self.nodes = nodes
    }

    /// The content id: the SHA-256 of the snapshot's canonical JSON, so equal snapshots share an id.
    public var snapshotID: String { encoded().id }

    /// The snapshot's canonical JSON (sorted keys) and its id, from one encoding.
    public func encoded() -> EncodedJobSnapshot {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        return EncodedJobSnapshot(snapshot: self, json: json, id: SHA256.hex(json))
    }
}

/// A job snapshot with its canonical JSON and content id, encoded once and then stored (or
/// remembered for the next run of the same job) without encoding it again.
public struct EncodedJobSnapshot: Sendable {
    /// The snapshot.
    public let snapshot: JobSnapshot
    /// Its canonical JSON (sorted keys).
    public let json: String
    /// Its content id, the SHA-256 of `json`.
    public let id: String
}
