import Foundation
import OrderedCollections

extension EventLogEntry {
    /// Reads an entry from its stored JSON (`storedJSON()`, or the `Codable` form, which is the
    /// same) with the fast JSON parser: the envelope and the payloads of steps and asset events
    /// directly, rarer ones through `JSONDecoder`. Reading events back (a run's log, an asset's latest
    /// materialization) costs a fraction of Foundation's decoder.
    /// - Throws: `DagsterError(.invalidInput)` when the text is not a stored entry.
    public init(storedJSON text: String) throws {
        let json = try JSONParser.parse(text)
        guard let runID = json["runID"]?.stringValue, let level = json["level"]?.intValue.flatMap(LogLevel.init(rawValue:)),
            let timestamp = json["timestamp"]?.doubleValue
        else { throw StoredEventJSON.malformed("an entry") }
        self.init(
            runID: RunID(runID), level: level, userMessage: json["userMessage"]?.stringValue ?? "", timestamp: timestamp,
            stepKey: json["stepKey"]?.stringValue, jobName: json["jobName"]?.stringValue,
            dagsterEvent: try json["dagsterEvent"].map(DagsterEvent.init(stored:)))
    }
}

extension DagsterEvent {
    fileprivate init(stored json: JSONValue) throws {
        guard let type = json["eventType"]?.stringValue.flatMap(DagsterEventType.init(storedValue:)),
            let jobName = json["jobName"]?.stringValue
        else { throw StoredEventJSON.malformed("an event") }
        self.init(
            type, jobName: jobName, stepKey: json["stepKey"]?.stringValue, nodeHandle: json["nodeHandle"]?.stringValue,
            message: json["message"]?.stringValue ?? "", payload: try json["payload"].map(EventPayload.init(stored:)),
            pid: json["pid"]?.intValue.map(Int32.init))
    }
}

extension EventPayload {
    fileprivate init(stored json: JSONValue) throws {
        guard let entry = json.objectValue?.elements.first else { throw StoredEventJSON.malformed("a payload") }
        let (name, body) = (entry.key, entry.value)
        let data: JSONValue = body["_0"] ?? .null
        switch name {
        case "stepSuccess":
            self = .stepSuccess(durationMilliseconds: body["durationMilliseconds"]?.doubleValue ?? 0)
        case "stepOutput":
            self = .stepOutput(
                StepOutputData(
                    outputName: try StoredEventJSON.string(data["outputName"]), mappingKey: data["mappingKey"]?.stringValue,
                    typeCheck: try TypeCheckData(stored: data["typeCheck"] ?? .null),
                    metadata: try StoredEventJSON.metadata(data["metadata"])))
        case "stepInput":
            self = .stepInput(
                StepInputData(
                    inputName: try StoredEventJSON.string(data["inputName"]),
                    typeCheck: try TypeCheckData(stored: data["typeCheck"] ?? .null)))
        case "loadedInput":
            self = .loadedInput(
                LoadedInputData(
                    inputName: try StoredEventJSON.string(data["inputName"]),
                    managerKey: try StoredEventJSON.string(data["managerKey"]),
                    upstreamOutputName: data["upstreamOutputName"]?.stringValue,
                    upstreamStepKey: data["upstreamStepKey"]?.stringValue, metadata: try StoredEventJSON.metadata(data["metadata"])))
        case "handledOutput":
            self = .handledOutput(
                HandledOutputData(
                    outputName: try StoredEventJSON.string(data["outputName"]),
                    managerKey: try StoredEventJSON.string(data["managerKey"]), metadata: try StoredEventJSON.metadata(data["metadata"])))
        case "engine" where data["error"] == nil:
            self = .engine(EngineEventData(metadata: try StoredEventJSON.metadata(data["metadata"])))
        case "assetMaterialization":
            self = .assetMaterialization(try StoredEventJSON.assetEvent(data))
        case "assetObservation":
            self = .assetObservation(try StoredEventJSON.assetEvent(data))
        case "assetMaterializationPlanned":
            self = .assetMaterializationPlanned(
                AssetMaterializationPlannedData(
                    assetKey: try StoredEventJSON.assetKey(data["assetKey"]), partition: data["partition"]?.stringValue))
        default:
            self = try JSONDecoder().decode(EventPayload.self, from: Data(json.jsonText().utf8))
        }
    }
}

extension TypeCheckData {
    fileprivate init(stored json: JSONValue) throws {
        guard let success = json["success"]?.boolValue else { throw StoredEventJSON.malformed("a type check") }
        self.init(
            success: success, label: json["label"]?.stringValue ?? "", description: json["description"]?.stringValue,
            metadata: try StoredEventJSON.metadata(json["metadata"]))
    }
}

/// A materialization or an observation: the same fields, written and read by the same code.
private protocol StoredAssetEvent {
    init(assetKey: AssetKey, description: String?, metadata: Metadata, partition: String?, tags: [String: String])
}

extension AssetMaterialization: StoredAssetEvent {}
extension AssetObservation: StoredAssetEvent {}

/// Pieces of reading stored events.
enum StoredEventJSON {
    static func malformed(_ what: String) -> DagsterError {
        DagsterError(.invalidInput, "stored event JSON does not hold \(what) where expected")
    }

    static func string(_ value: JSONValue?) throws -> String {
        guard let text = value?.stringValue else { throw malformed("a string") }
        return text
    }

    /// A materialization or observation from its stored fields.
    fileprivate static func assetEvent<Event: StoredAssetEvent>(_ data: JSONValue) throws -> Event {
        var tags: [String: String] = [:]
        for (key, value) in data["tags"]?.objectValue ?? [:] { tags[key] = value.stringValue }
        return Event(
            assetKey: try assetKey(data["assetKey"]), description: data["description"]?.stringValue,
            metadata: try metadata(data["metadata"]), partition: data["partition"]?.stringValue, tags: tags)
    }

    /// An asset key from its stored form, an array of path components.
    static func assetKey(_ value: JSONValue?) throws -> AssetKey {
        guard let path = value?.arrayValue?.compactMap(\.stringValue) else { throw malformed("an asset key") }
        return AssetKey(path)
    }

    /// Metadata from its stored form, `[key, {"type": …, "value": …}, key, …]`.
    static func metadata(_ value: JSONValue?) throws -> Metadata {
        guard let items = value?.arrayValue, !items.isEmpty else { return [:] }
        var metadata: Metadata = [:]
        var index = 0
        while index + 1 < items.count {
            guard let key = items[index].stringValue else { throw malformed("a metadata label") }
            metadata[key] = try metadataValue(items[index + 1])
            index += 2
        }
        return metadata
    }

    private static func metadataValue(_ json: JSONValue) throws -> MetadataValue {
        let value = json["value"] ?? .null
        switch json["type"]?.stringValue {
        case "text": return .text(try string(value))
        case "url": return .url(try string(value))
        case "path": return .path(try string(value))
        case "md": return .markdown(try string(value))
        case "job": return .jobName(try string(value))
        case "json": return .json(value)
        case "null": return .null
        case "bool": return .bool(value.boolValue ?? false)
        case "int":
            guard let number = value.intValue else { throw malformed("an integer") }
            return .int(number)
        case "float":
            guard let number = value.doubleValue else { throw malformed("a number") }
            return .float(number)
        case "timestamp":
            guard let number = value.doubleValue else { throw malformed("a timestamp") }
            return .timestamp(number)
        default:
            return try JSONDecoder().decode(MetadataValue.self, from: Data(json.jsonText().utf8))
        }
    }
}
