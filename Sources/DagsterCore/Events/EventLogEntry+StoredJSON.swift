import Foundation
import OrderedCollections

extension EventLogEntry {
    /// Reads an entry from its stored JSON (`storedJSON()`, or the `Codable` form, which is the
    /// same) with the fast JSON parser: the envelope and the payloads of steps and asset events
    /// directly, rarer ones through `JSONDecoder`. Reading events back (a run's log, an asset's latest
    /// materialization) costs a fraction of Foundation's decoder.
    /// - Throws: `DagsterError(.invalidInput)` when the text is not a stored entry, naming the
    ///   field (`dagsterEvent.payload.stepOutput._0.outputName`) and what it should hold.
    public init(storedJSON text: String) throws {
        let json = try JSONParser.parse(text)
        let runID = try StoredEventJSON.string(json, "runID", in: "")
        guard let level = json["level"]?.intValue.flatMap(LogLevel.init(rawValue:)) else {
            throw StoredEventJSON.malformed("a log level (10, 20, 30, 40 or 50)", at: "level", found: json["level"])
        }
        guard let timestamp = json["timestamp"]?.doubleValue else {
            throw StoredEventJSON.malformed("a number", at: "timestamp", found: json["timestamp"])
        }
        self.init(
            runID: RunID(runID), level: level, userMessage: json["userMessage"]?.stringValue ?? "", timestamp: timestamp,
            stepKey: json["stepKey"]?.stringValue, jobName: json["jobName"]?.stringValue,
            dagsterEvent: try json["dagsterEvent"].map { try DagsterEvent(stored: $0, at: "dagsterEvent") })
    }
}

extension DagsterEvent {
    fileprivate init(stored json: JSONValue, at path: @autoclosure () -> String) throws {
        guard let type = json["eventType"]?.stringValue.flatMap(DagsterEventType.init(storedValue:)) else {
            throw StoredEventJSON.malformed("an event type such as STEP_SUCCESS", at: "\(path()).eventType", found: json["eventType"])
        }
        self.init(
            type, jobName: try StoredEventJSON.string(json, "jobName", in: path()), stepKey: json["stepKey"]?.stringValue,
            nodeHandle: json["nodeHandle"]?.stringValue, message: json["message"]?.stringValue ?? "",
            payload: try json["payload"].map { try EventPayload(stored: $0, at: "\(path()).payload") },
            pid: json["pid"]?.intValue.map(Int32.init))
    }
}

extension EventPayload {
    fileprivate init(stored json: JSONValue, at path: @autoclosure () -> String) throws {
        guard let entry = json.objectValue?.elements.first else {
            throw StoredEventJSON.malformed("a payload, an object such as {\"stepOutput\": {…}}", at: path(), found: json)
        }
        let (name, body) = (entry.key, entry.value)
        let data: JSONValue = body["_0"] ?? .null
        func at() -> String { "\(path()).\(name)._0" }
        switch name {
        case "stepSuccess":
            self = .stepSuccess(durationMilliseconds: body["durationMilliseconds"]?.doubleValue ?? 0)
        case "stepOutput":
            self = .stepOutput(
                StepOutputData(
                    outputName: try StoredEventJSON.string(data, "outputName", in: at()), mappingKey: data["mappingKey"]?.stringValue,
                    typeCheck: try TypeCheckData(stored: data["typeCheck"], at: "\(at()).typeCheck"),
                    metadata: try StoredEventJSON.metadata(data["metadata"], at: "\(at()).metadata")))
        case "stepInput":
            self = .stepInput(
                StepInputData(
                    inputName: try StoredEventJSON.string(data, "inputName", in: at()),
                    typeCheck: try TypeCheckData(stored: data["typeCheck"], at: "\(at()).typeCheck")))
        case "loadedInput":
            self = .loadedInput(
                LoadedInputData(
                    inputName: try StoredEventJSON.string(data, "inputName", in: at()),
                    managerKey: try StoredEventJSON.string(data, "managerKey", in: at()),
                    upstreamOutputName: data["upstreamOutputName"]?.stringValue, upstreamStepKey: data["upstreamStepKey"]?.stringValue,
                    metadata: try StoredEventJSON.metadata(data["metadata"], at: "\(at()).metadata")))
        case "handledOutput":
            self = .handledOutput(
                HandledOutputData(
                    outputName: try StoredEventJSON.string(data, "outputName", in: at()),
                    managerKey: try StoredEventJSON.string(data, "managerKey", in: at()),
                    metadata: try StoredEventJSON.metadata(data["metadata"], at: "\(at()).metadata")))
        case "engine" where data["error"] == nil:
            self = .engine(EngineEventData(metadata: try StoredEventJSON.metadata(data["metadata"], at: "\(at()).metadata")))
        case "assetMaterialization":
            self = .assetMaterialization(try StoredEventJSON.assetEvent(data, at: at()))
        case "assetObservation":
            self = .assetObservation(try StoredEventJSON.assetEvent(data, at: at()))
        case "assetMaterializationPlanned":
            self = .assetMaterializationPlanned(
                AssetMaterializationPlannedData(
                    assetKey: try StoredEventJSON.assetKey(data["assetKey"], at: "\(at()).assetKey"),
                    partition: data["partition"]?.stringValue))
        default:
            do {
                self = try JSONDecoder().decode(EventPayload.self, from: Data(json.jsonText().utf8))
            } catch {
                throw DagsterError(
                    .invalidInput, "stored event JSON does not hold a readable `\(name)` payload at `\(path())`: \(error)",
                    cause: error)
            }
        }
    }
}

extension TypeCheckData {
    fileprivate init(stored json: JSONValue?, at path: @autoclosure () -> String) throws {
        guard let success = json?["success"]?.boolValue else {
            throw StoredEventJSON.malformed("a type check, an object with a boolean `success`", at: path(), found: json)
        }
        self.init(
            success: success, label: json?["label"]?.stringValue ?? "", description: json?["description"]?.stringValue,
            metadata: try StoredEventJSON.metadata(json?["metadata"], at: "\(path()).metadata"))
    }
}

/// A materialization or an observation: the same fields, written and read by the same code.
private protocol StoredAssetEvent {
    init(assetKey: AssetKey, description: String?, metadata: Metadata, partition: String?, tags: [String: String])
}

extension AssetMaterialization: StoredAssetEvent {}
extension AssetObservation: StoredAssetEvent {}

/// Pieces of reading stored events. The place of a value (`dagsterEvent.payload…`) is passed as
/// an autoclosure: it is spelled out only for an error, not for every event read.
enum StoredEventJSON {
    /// The error for a stored event that does not hold `what` at `path` (`dagsterEvent.jobName`),
    /// showing what it holds there instead.
    static func malformed(_ what: String, at path: String, found: JSONValue?) -> DagsterError {
        let instead = found.map { value in
            let text = value.jsonText()
            return "found " + (text.count > 80 ? String(text.prefix(80)) + "…" : text)
        }
        return DagsterError(
            .invalidInput, "stored event JSON does not hold \(what) at `\(path)` (\(instead ?? "it is missing"))")
    }

    /// The string member `key` of the object at `path` (`""` for the top level).
    static func string(_ object: JSONValue, _ key: String, in path: @autoclosure () -> String) throws -> String {
        try string(object[key], at: path().isEmpty ? key : "\(path()).\(key)")
    }

    /// A string at `path`.
    static func string(_ value: JSONValue?, at path: @autoclosure () -> String) throws -> String {
        guard let text = value?.stringValue else { throw malformed("a string", at: path(), found: value) }
        return text
    }

    /// A materialization or observation from its stored fields at `path`.
    fileprivate static func assetEvent<Event: StoredAssetEvent>(_ data: JSONValue, at path: @autoclosure () -> String) throws
        -> Event
    {
        var tags: [String: String] = [:]
        for (key, value) in data["tags"]?.objectValue ?? [:] { tags[key] = value.stringValue }
        return Event(
            assetKey: try assetKey(data["assetKey"], at: "\(path()).assetKey"), description: data["description"]?.stringValue,
            metadata: try metadata(data["metadata"], at: "\(path()).metadata"), partition: data["partition"]?.stringValue,
            tags: tags)
    }

    /// An asset key from its stored form at `path`, an array of path components.
    static func assetKey(_ value: JSONValue?, at path: @autoclosure () -> String) throws -> AssetKey {
        guard let components = value?.arrayValue?.compactMap(\.stringValue) else {
            throw malformed("an asset key, an array of strings", at: path(), found: value)
        }
        return AssetKey(components)
    }

    /// Metadata from its stored form at `path`, `[key, {"type": …, "value": …}, key, …]`.
    static func metadata(_ value: JSONValue?, at path: @autoclosure () -> String) throws -> Metadata {
        guard let items = value?.arrayValue, !items.isEmpty else { return [:] }
        var metadata: Metadata = [:]
        var index = 0
        while index + 1 < items.count {
            guard let key = items[index].stringValue else {
                throw malformed("a metadata label", at: "\(path())[\(index)]", found: items[index])
            }
            metadata[key] = try metadataValue(items[index + 1], at: "\(path())[\(index + 1)]")
            index += 2
        }
        return metadata
    }

    private static func metadataValue(_ json: JSONValue, at path: @autoclosure () -> String) throws -> MetadataValue {
        let value = json["value"] ?? .null
        func valuePath() -> String { "\(path()).value" }
        func number(_ what: String, _ number: Double?) throws -> Double {
            guard let number else { throw malformed(what, at: valuePath(), found: value) }
            return number
        }
        switch json["type"]?.stringValue {
        case "text": return .text(try string(value, at: valuePath()))
        case "url": return .url(try string(value, at: valuePath()))
        case "path": return .path(try string(value, at: valuePath()))
        case "md": return .markdown(try string(value, at: valuePath()))
        case "job": return .jobName(try string(value, at: valuePath()))
        case "json": return .json(value)
        case "null": return .null
        case "bool": return .bool(value.boolValue ?? false)
        case "int":
            guard let integer = value.intValue else { throw malformed("an integer", at: valuePath(), found: value) }
            return .int(integer)
        case "float": return .float(try number("a number", value.doubleValue))
        case "timestamp": return .timestamp(try number("a timestamp in seconds", value.doubleValue))
        default:
            do {
                return try JSONDecoder().decode(MetadataValue.self, from: Data(json.jsonText().utf8))
            } catch {
                throw DagsterError(
                    .invalidInput, "stored event JSON does not hold a readable metadata value at `\(path())`: \(error)",
                    cause: error)
            }
        }
    }
}
