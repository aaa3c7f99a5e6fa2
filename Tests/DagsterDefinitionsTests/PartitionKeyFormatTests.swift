import DagsterCore
import DagsterDefinitions
import Testing

/// Partition keys are written and read with Python's `strftime`/`strptime` rules (expectations
/// checked with Python 3.11).
struct PartitionKeyFormatTests {
    @Test func writesLikePython() throws {
        let afternoon = LocalDateTime(year: 2024, month: 3, day: 1, hour: 13, minute: 5)
        let format = try StrftimeFormat("%y %j %b %B %a %A %I%p %w %u %U %W")
        #expect(format.format(afternoon) == "24 061 Mar March Fri Friday 01PM 5 5 08 09")
        #expect(try StrftimeFormat("%Y-%m-%d-%H:%M%z").format(afternoon, utcOffset: -18_000) == "2024-03-01-13:05-0500")
        #expect(try StrftimeFormat("%Y-%m-%d  %%").format(afternoon) == "2024-03-01  %")
    }

    /// Text, format, and the wall-clock reading (and offset) Python's `strptime` reads from it.
    static let readable: [(text: String, format: String, local: LocalDateTime, offset: Int?)] = [
        ("2024-01-05", "%Y-%m-%d", LocalDateTime(year: 2024, month: 1, day: 5), nil),
        ("2024-1-5", "%Y-%m-%d", LocalDateTime(year: 2024, month: 1, day: 5), nil),
        ("jan 05 2024", "%b %d %Y", LocalDateTime(year: 2024, month: 1, day: 5), nil),
        ("2024   05", "%Y %m", LocalDateTime(year: 2024, month: 5, day: 1), nil),
        ("2024-060", "%Y-%j", LocalDateTime(year: 2024, month: 2, day: 29), nil),
        ("12AM", "%I%p", LocalDateTime(year: 1900, month: 1, day: 1), nil),
        ("07pm", "%I%p", LocalDateTime(year: 1900, month: 1, day: 1, hour: 19), nil),
        ("2024-03-10T02:30+05:30", "%Y-%m-%dT%H:%M%z", LocalDateTime(year: 2024, month: 3, day: 10, hour: 2, minute: 30), 19_800),
        ("2024-03-10T02:30Z", "%Y-%m-%dT%H:%M%z", LocalDateTime(year: 2024, month: 3, day: 10, hour: 2, minute: 30), 0),
        ("2024-11-03-01:00-0500", "%Y-%m-%d-%H:%M%z", LocalDateTime(year: 2024, month: 11, day: 3, hour: 1), -18_000),
        ("111", "%m%d", LocalDateTime(year: 1900, month: 11, day: 1), nil),
    ]

    @Test("reads like Python's strptime", arguments: readable.indices)
    func readsLikePython(_ index: Int) throws {
        let example = Self.readable[index]
        let parsed = try StrftimeFormat(example.format).parse(example.text)
        #expect(parsed.local == example.local, "\(example.text) as \(example.format)")
        #expect(parsed.utcOffset == example.offset)
    }

    @Test func rejectsWhatPythonRejects() throws {
        let daily = try StrftimeFormat("%Y-%m-%d")
        for text in ["2024-13-01", "2024-01-05x", "not-a-date", "24-01-05", ""] {
            let error = #expect(throws: DagsterError.self) { try daily.parse(text) }
            #expect(error?.message.contains("does not match the date format '%Y-%m-%d'") == true)
        }
        let error = #expect(throws: DagsterError.self) { try daily.parse("2024-02-30") }
        #expect(error?.message.contains("day 30 is out of range for month 2") == true)
        #expect(throws: DagsterError.self) { try StrftimeFormat("%H:%M:%S").parse("12:00:61") }
        #expect(throws: DagsterError.self) { try StrftimeFormat("%Y-%m-%dT%H:%M%z").parse("2024-01-01T00:00+05:3000") }
    }

    @Test func unsupportedDirectivesFailAtDefinitionTime() {
        for pattern in ["%Y-%m-%d %Q", "%-d", "%Y %Y", "%Y-%m-%"] {
            let error = #expect(throws: DagsterError.self) { try StrftimeFormat(pattern) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.message.contains("'\(pattern)'") == true)
        }
    }
}
