import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

/// Stores each output as a JSON file, `BASE_DIR/RUN_ID/STEP_KEY/OUTPUT_NAME` (plus the mapping
/// key for dynamic outputs). Values must be `Codable`. The default for persistent runs.
public struct FilesystemIOManager: IOManager {
    /// The folder outputs are written under.
    public let baseDirectory: URL

    /// A manager writing under `baseDirectory`.
    public init(baseDirectory: URL) { self.baseDirectory = baseDirectory }

    /// The file of an output: `BASE_DIR/ASSET/KEY/PATH[/PARTITION]` for an asset (the latest
    /// materialization, shared by every run), else the run's own folder.
    public func path(for output: OutputContext) -> URL {
        if let assetKey = output.assetKey {
            let asset = assetKey.path.reduce(baseDirectory) { $0.appendingPathComponent($1) }
            return output.partitionKey.map { asset.appendingPathComponent($0) } ?? asset
        }
        var url = baseDirectory.appendingPathComponent(output.runID.rawValue).appendingPathComponent(output.stepKey)
        url.appendPathComponent(output.name)
        if let mappingKey = output.mappingKey { url.appendPathComponent(mappingKey) }
        return url
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
        let url = path(for: context)
        let data = Data(json.jsonText().utf8)
        // One mkdir for the step's folder; FileManager's recursive create (a stat per path
        // component) only when a parent is missing too, e.g. for the run's first output.
        let folder = url.deletingLastPathComponent()
        if mkdir(folder.path, 0o755) != 0, errno != EEXIST {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Self.write(data, to: url)
        return ["path": .path(url.path)]
    }

    /// Writes `data` to `url` in place (one file creation, no temporary file and rename): a
    /// step's output is only read once the step has succeeded, after the write completed.
    private static func write(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DagsterError(.storage, "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let complete = data.withUnsafeBytes { POSIXFile.writeAll(descriptor, $0.baseAddress, $0.count) }
        guard complete else { throw DagsterError(.storage, "cannot write \(url.path): \(String(cString: strerror(errno)))") }
    }

    public func loadInput(_ context: InputContext) async throws -> any Sendable {
        let url = path(for: context.upstreamOutput)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DagsterError(
                .invariantViolation,
                "no stored value for output '\(context.upstreamOutput.name)' of step '\(context.upstreamOutput.stepKey)' "
                    + "at \(url.path)")
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
