import Foundation
import OrderedCollections

extension EventLogEntry {
    /// The entry as the JSON text its `Codable` conformance produces (the stored form), written
    /// directly for the envelope and the payloads of every step and asset event: Foundation's
    /// encoder costs a fifth of a persistent run. Rarer payloads go through `JSONEncoder`.
    public func storedJSON() throws -> String {
        var out = "{"
        EventJSON.member("runID", runID.rawValue, first: true, to: &out)
        out += ",\"level\":\(level.rawValue)"
        EventJSON.member("userMessage", userMessage, to: &out)
        out += ",\"timestamp\":\(timestamp)"
        if let stepKey { EventJSON.member("stepKey", stepKey, to: &out) }
        if let jobName { EventJSON.member("jobName", jobName, to: &out) }
        if let dagsterEvent {
            out += ",\"dagsterEvent\":"
            try dagsterEvent.writeStoredJSON(to: &out)
        }
        out += "}"
        return out
    }
}

extension DagsterEvent {
    fileprivate func writeStoredJSON(to out: inout String) throws {
        out += "{"
        EventJSON.member("eventType", eventType.storedValue, first: true, to: &out)
        EventJSON.member("jobName", jobName, to: &out)
        if let stepKey { EventJSON.member("stepKey", stepKey, to: &out) }
        if let nodeHandle { EventJSON.member("nodeHandle", nodeHandle, to: &out) }
        EventJSON.member("message", message, to: &out)
        if let pid { out += ",\"pid\":\(pid)" }
        if let payload {
            out += ",\"payload\":"
            try payload.writeStoredJSON(to: &out)
        }
        out += "}"
    }
}

extension EventPayload {
    /// Swift's synthesized form for an enum case with one unnamed value: `{"case":{"_0":…}}`.
    fileprivate func writeStoredJSON(to out: inout String) throws {
        switch self {
        case .stepSuccess(let milliseconds):
            out += "{\"stepSuccess\":{\"durationMilliseconds\":\(milliseconds)}}"
        case .stepOutput(let data):
            EventJSON.open("stepOutput", to: &out)
            EventJSON.member("outputName", data.outputName, first: true, to: &out)
            if let mappingKey = data.mappingKey { EventJSON.member("mappingKey", mappingKey, to: &out) }
            out += ",\"typeCheck\":"
            try data.typeCheck.writeStoredJSON(to: &out)
            try EventJSON.metadata(data.metadata, to: &out)
            out += "}}}"
        case .stepInput(let data):
            EventJSON.open("stepInput", to: &out)
            EventJSON.member("inputName", data.inputName, first: true, to: &out)
            out += ",\"typeCheck\":"
            try data.typeCheck.writeStoredJSON(to: &out)
            out += "}}}"
        case .loadedInput(let data):
            EventJSON.open("loadedInput", to: &out)
            EventJSON.member("inputName", data.inputName, first: true, to: &out)
            EventJSON.member("managerKey", data.managerKey, to: &out)
            if let name = data.upstreamOutputName { EventJSON.member("upstreamOutputName", name, to: &out) }
            if let key = data.upstreamStepKey { EventJSON.member("upstreamStepKey", key, to: &out) }
            try EventJSON.metadata(data.metadata, to: &out)
            out += "}}}"
        case .handledOutput(let data):
            EventJSON.open("handledOutput", to: &out)
            EventJSON.member("outputName", data.outputName, first: true, to: &out)
            EventJSON.member("managerKey", data.managerKey, to: &out)
            try EventJSON.metadata(data.metadata, to: &out)
            out += "}}}"
        case .engine(let data) where data.error == nil:
            EventJSON.open("engine", to: &out)
            out += "\"metadata\":"
            try EventJSON.metadataArray(data.metadata, to: &out)
            out += "}}}"
        case .assetMaterialization(let data):
            try EventJSON.assetEvent(
                "assetMaterialization", key: data.assetKey, description: data.description, metadata: data.metadata,
                partition: data.partition, tags: data.tags, to: &out)
        case .assetObservation(let data):
            try EventJSON.assetEvent(
                "assetObservation", key: data.assetKey, description: data.description, metadata: data.metadata,
                partition: data.partition, tags: data.tags, to: &out)
        case .assetMaterializationPlanned(let data):
            EventJSON.open("assetMaterializationPlanned", to: &out)
            EventJSON.assetKey(data.assetKey, to: &out)
            if let partition = data.partition { EventJSON.member("partition", partition, to: &out) }
            out += "}}}"
        default:
            // Rarer payloads (failures, hooks, other asset events, …): the synthesized encoding.
            out += String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        }
    }
}

extension TypeCheckData {
    fileprivate func writeStoredJSON(to out: inout String) throws {
        out += "{\"success\":\(success)"
        EventJSON.member("label", label, to: &out)
        if let description { EventJSON.member("description", description, to: &out) }
        try EventJSON.metadata(metadata, to: &out)
        out += "}"
    }
}

/// Pieces of the stored JSON of events.
enum EventJSON {
    /// `,"key":"value"` (without the comma for the first member).
    static func member(_ key: String, _ value: String, first: Bool = false, to out: inout String) {
        out += first ? "\"" : ",\""
        out += key
        out += "\":"
        JSONValue.writeQuoted(value, to: &out)
    }

    /// Opens `{"case":{"_0":{`.
    static func open(_ caseName: String, to out: inout String) {
        out += "{\""
        out += caseName
        out += "\":{\"_0\":{"
    }

    /// A materialization or observation (the same fields): `{"case":{"_0":{…}}}`.
    static func assetEvent(
        _ caseName: String, key: AssetKey, description: String?, metadata: Metadata, partition: String?,
        tags: [String: String], to out: inout String
    ) throws {
        open(caseName, to: &out)
        assetKey(key, to: &out)
        if let description { member("description", description, to: &out) }
        try self.metadata(metadata, to: &out)
        if let partition { member("partition", partition, to: &out) }
        out += ",\"tags\":{"
        for (index, tag) in tags.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            JSONValue.writeQuoted(tag, to: &out)
            out += ":"
            JSONValue.writeQuoted(tags[tag] ?? "", to: &out)
        }
        out += "}}}}"
    }

    /// `"assetKey":["a","b"]`, the first member of an asset event.
    static func assetKey(_ key: AssetKey, to out: inout String) {
        out += "\"assetKey\":["
        for (index, component) in key.path.enumerated() {
            if index > 0 { out += "," }
            JSONValue.writeQuoted(component, to: &out)
        }
        out += "]"
    }

    /// `,"metadata":[…]`.
    static func metadata(_ metadata: Metadata, to out: inout String) throws {
        out += ",\"metadata\":"
        try metadataArray(metadata, to: &out)
    }

    /// An ordered dictionary's synthesized form: `[key, value, key, value, …]`.
    static func metadataArray(_ metadata: Metadata, to out: inout String) throws {
        out += "["
        for (index, (key, value)) in metadata.enumerated() {
            if index > 0 { out += "," }
            JSONValue.writeQuoted(key, to: &out)
            out += ","
            switch value {
            case .null:
                out += "{\"type\":\"null\"}"
            case .assetKey, .tableSchema, .table:
                out += String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            default:
                out += "{\"type\":\"\(value.kind)\",\"value\":\(value.jsonValue.jsonText())}"
            }
        }
        out += "]"
    }
}
