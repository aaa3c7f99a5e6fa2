import DagsterCore

/// "Did you mean" candidates for an asset key that does not exist, by Dagster's rules: the same
/// prefix and a similar name, a similar prefix and the same name, one path component more or
/// less, a bare name that matches the last component, or `a/b` written as one component.
enum AssetKeySuggestions {
    /// The keys of `candidates` similar to `missing`, sorted.
    static func similarKeys(to missing: AssetKey, among candidates: Set<AssetKey>) -> [AssetKey] {
        candidates.filter { isSimilar($0, to: missing) }.sorted()
    }

    private static func isSimilar(_ candidate: AssetKey, to missing: AssetKey) -> Bool {
        guard let name = candidate.path.last, let missingName = missing.path.last else { return false }
        let prefix = Array(candidate.path.dropLast())
        let missingPrefix = Array(missing.path.dropLast())
        let sameNameAndPrefixClose =
            name == missingName && similarity(prefix.joined(separator: " "), missingPrefix.joined(separator: " ")) >= 0.8
        let samePrefixAndNameClose = prefix == missingPrefix && similarity(name, missingName) >= 0.8
        let oneComponentApart =
            name == missingName && Set(candidate.path).symmetricDifference(Set(missing.path)).count == 1
            && max(candidate.path.count, missing.path.count) > 1
        let bareNameMatches = missing.path.count == 1 && name == missingName
        let slashesWereComponents = candidate.path == missing.userString.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return sameNameAndPrefixClose || samePrefixAndNameClose || oneComponentApart || bareNameMatches || slashesWereComponents
    }

    /// Twice the longest common subsequence over the total length, 0...1 (1 for equal texts).
    static func similarity(_ first: String, _ second: String) -> Double {
        let a = Array(first.unicodeScalars)
        let b = Array(second.unicodeScalars)
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [0]
            current.reserveCapacity(b.count + 1)
            for (j, y) in b.enumerated() {
                current.append(x == y ? previous[j] + 1 : max(previous[j + 1], current[j]))
            }
            previous = current
        }
        return 2 * Double(previous[b.count]) / Double(a.count + b.count)
    }
}
