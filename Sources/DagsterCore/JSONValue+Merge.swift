import OrderedCollections

extension JSONValue {
    /// This value with `other` merged over it: objects merge key by key, recursively; any
    /// other value in `other` replaces this one. How several run-config files combine.
    public func deepMerged(with other: JSONValue) -> JSONValue {
        guard case .object(var base) = self, case .object(let overlay) = other else { return other }
        for (key, value) in overlay {
            base[key] = base[key].map { $0.deepMerged(with: value) } ?? value
        }
        return .object(base)
    }
}
