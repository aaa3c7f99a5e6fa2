import Foundation

extension InstanceSettings {
    /// The folder for local artifacts: `local_artifact_storage.base_dir`, by default the instance's
    /// home folder; `nil` for an instance without a home.
    public func artifactDirectory(home: URL?) -> URL? {
        localArtifactDirectory.map { URL(fileURLWithPath: $0) } ?? home
    }

    /// The folder the filesystem IO manager writes under by default: `ARTIFACTS/storage`.
    public func storageDirectory(home: URL?) -> URL? {
        artifactDirectory(home: home)?.appendingPathComponent("storage")
    }

    /// The folder compute logs are captured to: `compute_logs.base_dir`, by default the storage
    /// folder; `nil` when capture is off.
    public func computeLogsDirectory(home: URL?) -> URL? {
        switch computeLogs {
        case .local(let baseDirectory): baseDirectory.map { URL(fileURLWithPath: $0) } ?? storageDirectory(home: home)
        case .noop: nil
        }
    }
}
