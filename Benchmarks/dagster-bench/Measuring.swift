import Foundation

/// How long `body` took in seconds, and what it returned.
func timed<T>(_ body: () async throws -> T) async rethrows -> (seconds: Double, value: T) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try await body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, value)
}

/// The median of `values` (the upper one for an even count); 0 for none.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}
