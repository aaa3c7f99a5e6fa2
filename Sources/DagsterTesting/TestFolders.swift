import Foundation

/// Scratch folders for tests, all under one folder of the test process that is removed when
/// the process exits, so a test suite leaves nothing behind in the system's temporary folder.
///
/// ```swift
/// let home = try TestFolders.make("dagster-home")
/// ```
public enum TestFolders {
    /// The folder of this process's scratch folders.
    private static let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("swift-dagster-tests-\(ProcessInfo.processInfo.processIdentifier)")

    /// Registers the removal of `root` at exit, once.
    private static let removalAtExit: Void = {
        atexit { try? FileManager.default.removeItem(at: TestFolders.root) }
    }()

    /// A new empty folder named `prefix-UUID`, removed (with everything in it) when the
    /// process exits.
    /// - Throws: when the folder cannot be created.
    public static func make(_ prefix: String) throws -> URL {
        _ = removalAtExit
        let folder = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
