import Dagster
import Foundation

/// The W4 assets: `layers` layers of `width`; layer 0 asset i returns i, every asset of layer k
/// reads all of layer k − 1 and returns the sum of its inputs modulo 100.
func buildLayeredAssets(layers: Int, width: Int) -> [Asset<Int>] {
    var all: [Asset<Int>] = []
    var previous: [Asset<Int>] = []
    for layer in 0..<layers {
        let current = (0..<width).map { index -> Asset<Int> in
            let key = AssetKey("layer_\(layer)_asset_\(index)")
            if layer == 0 { return Asset(key) { (_: AssetContext) in index } }
            return Asset(key, fanIn: previous) { (_: AssetContext, inputs: [Int]) in inputs.reduce(0, +) % 100 }
        }
        all += current
        previous = current
    }
    return all
}

/// W4: materialize the 100 assets against a fresh persistent SQLite instance (filesystem IO
/// manager), then look up the latest materialization of each key.
func runW4(iterations: Int) async throws {
    let assets = buildLayeredAssets(layers: 10, width: 10)
    var seconds: [Double] = []
    var lookups: [Double] = []
    let homes = TemporaryHomes()
    defer { homes.removeAll() }
    for _ in 0..<iterations {
        let instance = try homes.instance()
        let (elapsed, result) = try await timed { try await materialize(assets, instance: instance) }
        seconds.append(elapsed)
        guard result.success else { throw DagsterError(.invariantViolation, "W4 run failed: \(result.failureSummary)") }
        let lookup = try await timed {
            for asset in assets {
                guard try await instance.getLatestMaterializationEvent(asset.key) != nil else {
                    throw DagsterError(.invariantViolation, "W4: no materialization of \(asset.key.userString)")
                }
            }
        }
        lookups.append(lookup.seconds / Double(assets.count))
    }
    print("{\"workload\":\"w4\",\"assets\":100,\"materialize_s\":\(median(seconds)),\"lookup_s_per_key\":\(median(lookups)),\"iterations\":\(iterations)}")
}
