import DagsterCore
import Testing

/// Event types read back from the names storage holds.
struct DagsterEventTypeStoredValueTests {
    @Test func everyTypeIsFoundByItsStoredAndItsDagsterName() {
        for type in DagsterEventType.allCases {
            #expect(DagsterEventType(storedValue: type.storedValue) == type)
            #expect(DagsterEventType(storedValue: type.rawValue) == type)
        }
        #expect(DagsterEventType(storedValue: "PIPELINE_START") == .runStart)
        #expect(DagsterEventType(storedValue: "RUN_CANCELED") == .runCanceled)
    }

    @Test func unknownNamesAreRefused() {
        #expect(DagsterEventType(storedValue: "PIPELINE_SOMETHING") == nil)
        #expect(DagsterEventType(storedValue: "") == nil)
        #expect(DagsterEventType(storedValue: "step_output") == nil)
    }
}
