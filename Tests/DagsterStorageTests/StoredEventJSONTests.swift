import DagsterCore
import Foundation
import Testing

/// Events written and read directly (without Foundation's coders) round-trip to the very entry,
/// and agree with the `Codable` form both ways.
@Suite("Stored event JSON")
struct StoredEventJSONTests {
    static let metadata: Metadata = [
        "text": .text("quote \" backslash \\ newline \n tab \t é ✓ \u{01}"), "url": .url("https://example.com/a?b=c"),
        "path": .path("/tmp/x"), "md": .markdown("# title"), "int": .int(-42), "float": .float(0.1),
        "bool": .bool(true), "null": .null, "json": .json(["a": [1, 2.5, "x", nil]]), "time": .timestamp(1.5e9),
        "asset": .assetKey(["a", "b"]), "job": .jobName("etl"),
    ]

    static var payloads: [EventPayload?] {
        let check = TypeCheckData(success: false, label: "x", description: "too big", metadata: metadata)
        return [
            nil,
            .stepSuccess(durationMilliseconds: 1.25),
            .stepOutput(StepOutputData(outputName: "result", mappingKey: "k", typeCheck: check, metadata: metadata)),
            .stepInput(StepInputData(inputName: "x", typeCheck: check)),
            .loadedInput(LoadedInputData(inputName: "x", managerKey: "io", upstreamOutputName: "result", upstreamStepKey: "a")),
            .loadedInput(LoadedInputData(inputName: "x", managerKey: "io")),
            .handledOutput(HandledOutputData(outputName: "result", managerKey: "io", metadata: metadata)),
            .engine(EngineEventData(metadata: metadata)),
            .engine(EngineEventData(error: SerializableError(className: "E", message: "boom"))),
            .logsCaptured(LogsCapturedData(fileKey: "abc", stepKeys: ["a", "b"], stdoutPath: "/o", stderrPath: nil)),
            .assetMaterialization(
                AssetMaterialization(
                    assetKey: ["a", "b"], metadata: metadata, partition: "p", tags: ["dagster/data_version": "v", "t": "\"q\""])),
            .assetMaterialization(AssetMaterialization(assetKey: "a", description: "d")),
            .assetObservation(
                AssetObservation(
                    assetKey: ["a", "b"], description: "seen", metadata: metadata, partition: "p",
                    tags: ["dagster/data_version": "v", "t": "\"q\""])),
            .assetObservation(AssetObservation(assetKey: "a")),
            .assetMaterializationPlanned(AssetMaterializationPlannedData(assetKey: ["a", "b \"c\""], partition: "2024-01-01")),
            .assetMaterializationPlanned(AssetMaterializationPlannedData(assetKey: "a")),
            .stepFailure(StepFailureData(error: SerializableError(className: "E", message: "boom"), errorSource: .userCodeError)),
        ]
    }

    @Test(arguments: 0..<payloads.count)
    func directlyWrittenJSONDecodesToTheSameEntry(payloadIndex: Int) throws {
        let event = DagsterEvent(
            .stepOutput, jobName: "job \"one\"", stepKey: "step[é]", nodeHandle: "graph.step", message: "line\nbreak",
            payload: Self.payloads[payloadIndex], pid: 4242)
        for entry in [
            EventLogEntry(runID: "r1", level: .warning, userMessage: "hé \"there\"", timestamp: 1795286096.2732968, stepKey: "s", jobName: "j", dagsterEvent: event),
            EventLogEntry(runID: "r2", level: .debug, userMessage: "", timestamp: 0.5),
        ] {
            let written = try entry.storedJSON()
            #expect(try JSONDecoder().decode(EventLogEntry.self, from: Data(written.utf8)) == entry)
            #expect(try EventLogEntry(storedJSON: written) == entry)
            let foundation = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
            #expect(try EventLogEntry(storedJSON: foundation) == entry)
        }
    }

    /// What a stored event lacks is named with its place and what was found there instead.
    @Test(arguments: [
        (#"{"level":20,"timestamp":1}"#, "a string at `runID` (it is missing)"),
        (#"{"runID":"r","level":"INFO","timestamp":1}"#, "a log level (10, 20, 30, 40 or 50) at `level` (found \"INFO\")"),
        (#"{"runID":"r","level":20,"timestamp":1,"dagsterEvent":{"eventType":"NOPE","jobName":"j"}}"#,
         "an event type such as STEP_SUCCESS at `dagsterEvent.eventType` (found \"NOPE\")"),
        (#"{"runID":"r","level":20,"timestamp":1,"dagsterEvent":{"eventType":"STEP_INPUT","jobName":"j","payload":{"stepInput":{"_0":{"inputName":"x"}}}}}"#,
         "a type check, an object with a boolean `success` at `dagsterEvent.payload.stepInput._0.typeCheck` (it is missing)"),
        (#"{"runID":"r","level":20,"timestamp":1,"dagsterEvent":{"eventType":"ASSET_MATERIALIZATION","jobName":"j","payload":{"assetMaterialization":{"_0":{"assetKey":"a"}}}}}"#,
         "an asset key, an array of strings at `dagsterEvent.payload.assetMaterialization._0.assetKey` (found \"a\")"),
        (#"{"runID":"r","level":20,"timestamp":1,"dagsterEvent":{"eventType":"ENGINE_EVENT","jobName":"j","payload":{"engine":{"_0":{"metadata":["n",{"type":"int","value":"x"}]}}}}}"#,
         "an integer at `dagsterEvent.payload.engine._0.metadata[1].value` (found \"x\")"),
    ])
    func malformedEntriesNameTheFieldAndWhatWasExpected(json: String, expected: String) throws {
        let error = try #require(throws: DagsterError.self) { try EventLogEntry(storedJSON: json) }
        #expect(error.message == "stored event JSON does not hold " + expected)
    }
}
