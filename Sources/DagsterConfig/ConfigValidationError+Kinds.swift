import DagsterCore

/// The errors the validator reports, one constructor per Dagster error kind, so every message
/// is written in one place.
extension ConfigValidationError {
    static func missingField(_ name: String, of type: ConfigType, at path: ConfigPath) -> Self {
        let example = ConfigExample.minimal(for: type.fields?[name]?.type ?? .any)
        return Self(
            reason: .missingRequiredField, location: path,
            detail: "missing required config entry \"\(name)\". Add it, e.g. \(name): \(ConfigExample.render(example))",
            fieldName: name, dagsterMessage: DagsterWording.missingField(name, of: type, at: path))
    }

    static func missingFields(_ names: [String], of type: ConfigType, at path: ConfigPath) -> Self {
        let sorted = names.pythonSorted()
        let example = sorted.map { name in
            "\(name): \(ConfigExample.render(ConfigExample.minimal(for: type.fields?[name]?.type ?? .any)))"
        }
        return Self(
            reason: .missingRequiredFields, location: path,
            detail: "missing required config entries \(sorted.quotedList). Add them, e.g. {\(example.joined(separator: ", "))}",
            fieldNames: sorted, dagsterMessage: DagsterWording.missingFields(sorted, of: type, at: path))
    }

    static func fieldNotDefined(_ name: String, in type: ConfigType, at path: ConfigPath) -> Self {
        var detail = "unexpected config entry \"\(name)\"."
        if let suggestion = closestName(to: name, among: Array(type.fields?.keys ?? [])) {
            detail += " Did you mean \"\(suggestion)\"?"
        }
        detail += definedEntries(of: type)
        return Self(
            reason: .fieldNotDefined, location: path, detail: detail, fieldName: name,
            dagsterMessage: DagsterWording.fieldNotDefined(name, in: type, at: path))
    }

    static func fieldsNotDefined(_ names: [String], in type: ConfigType, at path: ConfigPath) -> Self {
        let sorted = names.pythonSorted()
        let detail = "unexpected config entries \(sorted.quotedList)." + definedEntries(of: type)
        return Self(
            reason: .fieldsNotDefined, location: path, detail: detail, fieldNames: sorted,
            dagsterMessage: DagsterWording.fieldsNotDefined(sorted, in: type, at: path))
    }

    /// ` Entries defined here: "a", "b". Expected { a: Int b: Int }.` (the type only when short).
    private static func definedEntries(of type: ConfigType) -> String {
        let defined = Array(type.fields?.keys ?? []).pythonSorted()
        var text = defined.isEmpty ? " No entries are defined here." : " Entries defined here: \(defined.quotedList)."
        let description = type.typeDescription
        if description.count <= 160 { text += " Expected \(description)." }
        return text
    }

    static func noneNotAllowed(_ type: ConfigType, at path: ConfigPath) -> Self {
        Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "value must not be null; expected \(type.typeDescription). Give a value or remove the entry.",
            dagsterMessage: DagsterWording.noneNotAllowed(type, at: path))
    }

    static func scalarMismatch(_ value: JSONValue, expected type: ConfigType, at path: ConfigPath) -> Self {
        Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "expected \(type.typeDescription), got \(value.configSummary).",
            dagsterMessage: DagsterWording.scalarMismatch(value, expected: type, at: path))
    }

    static func objectExpected(_ value: JSONValue, for type: ConfigType, at path: ConfigPath) -> Self {
        Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "expected an object (a mapping) of type \(type.typeDescription), got \(value.configSummary).",
            dagsterMessage: DagsterWording.objectExpected(for: type, at: path))
    }

    static func listExpected(_ value: JSONValue, for type: ConfigType, at path: ConfigPath) -> Self {
        Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "expected a list of type \(type.typeDescription), got \(value.configSummary).",
            dagsterMessage: DagsterWording.listExpected(for: type, at: path))
    }

    static func selectorNotObject(_ value: JSONValue, for type: ConfigType, at path: ConfigPath) -> Self {
        let defined = (type.fields?.keys.map { $0 } ?? []).pythonSorted()
        return Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "expected an object with exactly one of \(defined.quotedList) (a selector), got \(value.configSummary).",
            dagsterMessage: DagsterWording.selectorNotObject(at: path))
    }

    static func selectorMultipleFields(_ incoming: [String], in type: ConfigType, at path: ConfigPath) -> Self {
        let sorted = incoming.pythonSorted()
        let defined = (type.fields?.keys.map { $0 } ?? []).pythonSorted()
        return Self(
            reason: .selectorFieldError, location: path,
            detail: "only one entry can be given here (a selector), got \(sorted.quotedList). Keep one of \(defined.quotedList).",
            incomingFields: sorted, dagsterMessage: DagsterWording.selectorMultipleFields(sorted, in: type, at: path))
    }

    static func selectorNoFieldSelected(in type: ConfigType, at path: ConfigPath) -> Self {
        let defined = (type.fields?.keys.map { $0 } ?? []).pythonSorted()
        return Self(
            reason: .selectorFieldError, location: path,
            detail: "one entry must be given here (a selector), got none. Choose one of \(defined.quotedList).",
            incomingFields: [], dagsterMessage: DagsterWording.selectorNoFieldSelected(in: type, at: path))
    }

    static func enumNotString(_ value: JSONValue, for type: ConfigType, at path: ConfigPath) -> Self {
        Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "expected one of the strings of enum \(type.typeDescription) (\(type.enumConfigValues.quotedList)), got \(value.configSummary).",
            dagsterMessage: DagsterWording.enumNotString(for: type, at: path))
    }

    static func enumValueMissing(_ value: String, for type: ConfigType, at path: ConfigPath) -> Self {
        Self(
            reason: .runtimeTypeMismatch, location: path,
            detail: "\"\(value)\" is not a value of enum \(type.typeDescription); use one of \(type.enumConfigValues.quotedList).",
            dagsterMessage: DagsterWording.enumValueMissing(value, for: type, at: path))
    }

    static func environmentVariableUnset(_ name: String, at path: ConfigPath) -> Self {
        Self(
            reason: .failedPostProcessing, location: path,
            detail: "environment variable \"\(name)\" (from {env: \(name)}) is not set. Set it in the environment of the run or give the value directly.",
            dagsterMessage: DagsterWording.postProcessingFailed(
                variable: name, problem: DagsterWording.environmentVariableUnset(name), at: path))
    }

    static func environmentVariableNotParsed(_ name: String, as typeName: String, at path: ConfigPath) -> Self {
        Self(
            reason: .failedPostProcessing, location: path,
            detail: "the value of environment variable \"\(name)\" (from {env: \(name)}) cannot be read as \(typeName).",
            dagsterMessage: DagsterWording.postProcessingFailed(
                variable: name, problem: DagsterWording.environmentVariableNotParsed(name, as: typeName.lowercased()),
                at: path))
    }

    /// The defined name within edit distance 2 of `name`, if exactly one is closest; `ops`
    /// for Dagster's legacy `solids`.
    private static func closestName(to name: String, among defined: [String]) -> String? {
        if name == "solids", defined.contains("ops") { return "ops" }
        let scored = defined.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 && $0.1 < max(name.count, 2) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return scored.filter { $0.1 == best.1 }.count == 1 ? best.0 : nil
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension ConfigType {
    fileprivate var enumConfigValues: [String] {
        if case .enumeration(_, let values) = self { return values.map(\.configValue) }
        return []
    }
}

extension JSONValue {
    /// A short description of a value for messages: `string "1"`, `int 5`, `null`, `list [1, 2]`.
    var configSummary: String {
        switch self {
        case .null: return "null"
        case .array: return "a list \(Self.truncated(jsonText()))"
        case .object: return "an object \(Self.truncated(jsonText()))"
        default: return "\(kindName) \(Self.truncated(jsonText()))"
        }
    }

    private static func truncated(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}

extension Array where Element == String {
    /// Sorted by Unicode code points, as Python sorts strings.
    func pythonSorted() -> [String] {
        sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// `"a", "b"` for messages.
    var quotedList: String {
        map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
