import DagsterCore

/// How runs materialize many partitions of an asset (Dagster's `BackfillPolicy`).
public enum BackfillPolicy: Sendable, Hashable {
    /// Every partition of a range in one run: the body reads `context.partitionKeyRange` and
    /// computes them all (typically storing the data itself and returning `MaterializeResult`).
    /// Needed to materialize a range from the CLI (`asset materialize --partition-range`).
    case singleRun
    /// A run per at most `maxPartitionsPerRun` partitions.
    case multiRun(maxPartitionsPerRun: Int = 1)
}

extension BackfillPolicy {
    /// Checks that one run may materialize a range of partitions of `assets`: each partitioned
    /// one must have the `.singleRun` policy.
    /// - Throws: `DagsterError(.invalidSubset)` naming the assets without it.
    public static func checkSingleRun(_ assets: [AssetsDefinition]) throws {
        let refusing = assets.filter { $0.spec.partitions != nil && $0.backfillPolicy != .singleRun }.map(\.key.userString)
        guard refusing.isEmpty else {
            throw DagsterError(
                .invalidSubset,
                "a partition range runs in one run only for assets with backfillPolicy: .singleRun, which "
                    + "\(refusing.sorted().joined(separator: ", ")) \(refusing.count == 1 ? "does" : "do") not have; give "
                    + "\(refusing.count == 1 ? "it" : "them") that policy, or materialize one partition per run (--partition KEY)")
        }
    }
}
