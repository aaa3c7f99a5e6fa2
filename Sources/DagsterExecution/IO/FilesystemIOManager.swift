import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation
import Synchronization

/// Numbers the temporary files of atomic replaces, unique within the process.
private let temporaryFiles = Atomic<Int>(0)

/// Stores each output as a JSON file, `BASE_DIR/RUN_ID/STEP_KEY/OUTPUT_NAME` (plus the mapping
/// key for dynamic outputs). Values must be `Codable`. The default for persistent runs.
public struct FilesystemIOManager: IOManager {
    /// The folder outputs are written under.
    public let baseDirectory: URL
    /// `baseDirectory` as a path without a trailing slash, joined with each output's components.
    private let baseDirectoryPath: String

    /// A manager writing under `baseDirectory`.
    public init(baseDirectory: URL) {
        self.baseDirectory = baseDirectory
        let path = baseDirectory.path
        baseDirectoryPath = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    /// The file of an output: `BASE_DIR/ASSET/KEY/PATH[/PARTITION]` for an asset (the latest
    /// materialization, shared by every run), else the run's own folder.
    public func path(for output: OutputContext) -> URL { URL(fileURLWithPath: filePath(for: output)) }

    /// `path(for:)` as a file-system path, joined as text (cheaper than appending URL components
    /// on every output).
    private func filePath(for output: OutputContext) -> String {
        var components = [baseDirectoryPath]
        if let assetKey = output.assetKey {
            components += assetKey.path
            if let partitionKey = output.partitionKey { components.append(partitionKey) }
        } else {
            components += [output.runID.rawValue, output.stepKey, output.name]
            if let mappingKey = output.mappingKey { components.append(mappingKey) }
        }
        return components.joined(separator: "/")
    }

    public func handleOutput(_ context: OutputContext, _ value: any Sendable) async throws -> Metadata {
        try context.requireOnePartition(storedBy: "filesystem IO manager")
        guard let encodable = value as? any Encodable else {
            throw DagsterError(
                .invariantViolation,
                "output '\(context.name)' of step '\(context.stepKey)' is a \(type(of: value)), which is not Encodable; "
                    + "the filesystem IO manager stores Codable values only")
        }
        let json = try JSONValueEncoder().encode(encodable)
        let path = filePath(for: context)
        let data = Data(json.jsonText().utf8)
        // One mkdir for the step's folder; FileManager's recursive create (a stat per path
        // component) only when a parent is missing too, e.g. for the run's first output.
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        if context.assetKey == nil {
            // In place (one file creation, no temporary file and rename): a path of one run's
            // step is only read once the step has succeeded, after the write completed.
            try POSIXFile.write(data, toPath: path)
        } else {
            try Self.replace(path, with: data)
        }
        return ["path": .path(path)]
    }

    /// Replaces the file at `path` with `data` atomically: an asset's file is shared by every run,
    /// so a reader must see the old value or the new one, never half of one, and a failed write
    /// must leave the last good value in place.
    private static func replace(_ path: String, with data: Data) throws {
        // Unique per write: two runs of one process may store the same asset at once.
        let temporary = path + ".tmp-\(getpid())-\(temporaryFiles.add(1, ordering: .relaxed).newValue)"
        do {
            try POSIXFile.write(data, toPath: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DagsterError(.storage, "cannot replace \(path): \(reason)")
        }
    }

    public func loadInput(_ context: InputContext) async throws -> any Sendable {
        let path = filePath(for: context.upstreamOutput)
        guard let data = FileManager.default.contents(atPath: path) else {
            let upstream = context.upstreamOutput
            if let assetKey = upstream.assetKey {
                throw DagsterError(
                    .invariantViolation,
                    "asset \(assetKey.userString)\(upstream.partitionKey.map { " (partition \($0))" } ?? "") has no stored value at "
                        + "\(path), needed by input '\(context.name)' of step '\(context.stepKey)'; materialize it first, "
                        + "or include it in the selection")
            }
            throw DagsterError(
                .invariantViolation,
                "no stored value for output '\(upstream.name)' of step '\(upstream.stepKey)' at \(path), needed by input "
                    + "'\(context.name)' of step '\(context.stepKey)'")
        }
        return try context.upstreamOutput.valueType.decode(try JSONParser.parse(String(decoding: data, as: UTF8.self)))
    }

    /// The IO manager as a resource with config `base_dir`.
    public static func resource(defaultBaseDirectory: URL) -> ResourceDefinition {
        ResourceDefinition(
            configField: .optional(.shape(["base_dir": .optional(.stringSource)])),
            description: "Stores outputs as JSON files.",
            setUp: { context in
                let baseDir = context.resourceConfig["base_dir"]?.stringValue
                return FilesystemIOManager(
                    baseDirectory: baseDir.map { URL(fileURLWithPath: $0) } ?? defaultBaseDirectory) as any IOManager
            })
    }
}
