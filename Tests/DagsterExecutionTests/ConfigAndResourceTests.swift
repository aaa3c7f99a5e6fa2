import Dagster
import Foundation
import Synchronization
import Testing

/// Op config, resources with config, dependencies and teardown, and their failures.
struct ConfigAndResourceTests {
    struct LimitConfig: Config {
        var limit: Int
        var label: String?
    }

    let take = Op("take", config: LimitConfig.self) { (_: OpContext, config: LimitConfig) in
        Array(0..<config.limit)
    }

    @Test func typedConfigReachesTheOp() async throws {
        let result = try await Job("take_job") { take() }.executeInProcess(runConfig: ["ops": ["take": ["config": ["limit": 3]]]])
        #expect(try result.output(forNode: "take", as: [Int].self) == [0, 1, 2])
    }

    @Test func invalidConfigListsEveryErrorAndStartsNoRun() async throws {
        let instance = DagsterInstance.ephemeral()
        let job = Job("take_job") { take() }
        do {
            _ = try await job.executeInProcess(
                runConfig: ["ops": ["take": ["config": ["limit": "ten", "extra": 1]]]], instance: instance)
            Issue.record("expected a config error")
        } catch let error as DagsterError {
            #expect(error.code == .invalidConfig)
            #expect(error.message.contains("root:ops:take:config:limit"))
            #expect(error.message.contains("extra"))
        }
        #expect(try await instance.getRuns().isEmpty)
    }

    @Test func jobDefaultConfigIsUsed() async throws {
        let job = Job("defaults", config: ["ops": ["take": ["config": ["limit": 2]]]]) { take() }
        #expect(try await job.executeInProcess().output(forNode: "take", as: [Int].self) == [0, 1])
    }

    final class Connection: Sendable {
        let url: String
        let closed = Mutex(false)
        init(url: String) { self.url = url }
    }

    @Test func resourcesWithConfigDependenciesAndTeardown() async throws {
        let opened = Mutex<[Connection]>([])
        struct DBConfig: Config { var url: String }
        let database = ResourceDefinition(config: DBConfig.self) { _, config in
            let connection = Connection(url: config.url)
            opened.withLock { $0.append(connection) }
            return connection
        } teardown: { (connection: Connection) in connection.closed.withLock { closed in closed = true } }
        let client = ResourceDefinition(requiredResources: ["database"]) { context in
            "client of " + (try context.resources.get("database", as: Connection.self)).url
        }
        let query = Op("query", requiredResources: ["client"]) { (context: OpContext) in
            try context.resource("client", as: String.self)
        }
        let job = Job("db_job", resources: ["database": database, "client": client]) { query() }
        let result = try await job.executeInProcess(runConfig: ["resources": ["database": ["config": ["url": "sqlite://x"]]]])
        #expect(try result.output(forNode: "query", as: String.self) == "client of sqlite://x")
        #expect(opened.withLock { $0.count } == 1)
        let allClosed = opened.withLock { connections in connections.allSatisfy { $0.closed.withLock { closed in closed } } }
        #expect(allClosed)
        let runLevel: [DagsterEventType] = result.dagsterEvents.filter { $0.stepKey == nil }.map(\.eventType)
        let expected: [DagsterEventType] = [.runStart, .engineEvent, .resourceInitStarted, .resourceInitSuccess]
        #expect(Array(runLevel.prefix(4)) == expected)
    }

    @Test func teardownRunsAfterAStepFails() async throws {
        let closed = Mutex(false)
        let resource = ResourceDefinition(setUp: { _ in 1 }, teardown: { _ in closed.withLock { $0 = true } })
        struct Broken: Error {}
        let fails = Op("fails", requiredResources: ["thing"]) { (_: OpContext) -> Int in throw Broken() }
        let result = try await Job("failing", resources: ["thing": resource]) { fails() }.executeInProcess(raiseOnError: false)
        #expect(!result.success)
        #expect(closed.withLock { $0 })
    }

    @Test func resourceInitFailureFailsTheRunAndClosesTheOthers() async throws {
        let closed = Mutex(false)
        struct CannotConnect: Error, CustomStringConvertible { var description: String { "connection refused" } }
        let first = ResourceDefinition(setUp: { _ in 1 }, teardown: { _ in closed.withLock { $0 = true } })
        let second = ResourceDefinition(requiredResources: ["a_first"]) { _ -> Int in throw CannotConnect() }
        let op = Op("uses", requiredResources: ["a_first", "b_second"]) { (_: OpContext) in 1 }
        let result = try await Job("broken_resources", resources: ["a_first": first, "b_second": second]) { op() }
            .executeInProcess(raiseOnError: false)
        #expect(!result.success)
        #expect(result.run.status == .failure)
        let types = result.dagsterEvents.map(\.eventType)
        #expect(types.contains(.resourceInitFailure))
        #expect(types.last == .runFailure)
        #expect(!types.contains(.stepStart))
        #expect(closed.withLock { $0 })
        let message = result.dagsterEvents.first { $0.eventType == .resourceInitFailure }?.engineData?.error?.description ?? ""
        #expect(message.contains("b_second"))
        #expect(message.contains("connection refused"))
    }

    struct FailingIOManager: IOManager {
        struct DiskFull: Error {}
        func handleOutput(_ context: OutputContext, _ value: any Sendable) async throws -> Metadata { throw DiskFull() }
        func loadInput(_ context: InputContext) async throws -> any Sendable { throw DiskFull() }
    }

    @Test func ioManagerFailureFailsTheStep() async throws {
        let job = Job("io_fail", resources: ["io_manager": .value(FailingIOManager() as any IOManager)]) { take() }
        let result = try await job.executeInProcess(runConfig: ["ops": ["take": ["config": ["limit": 1]]]], raiseOnError: false)
        #expect(!result.success)
        let error = try #require(result.stepFailures.first?.stepFailureData?.error)
        #expect(error.message.contains("handling output \"result\" using IO manager \"io_manager\""))
    }

    @Test func filesystemIOManagerRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fs-io-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = ResourceDefinition.value(FilesystemIOManager(baseDirectory: directory) as any IOManager)
        let sum = Op("sum", ins: "values") { (_: OpContext, values: [Int]) in values.reduce(0, +) }
        let job = Job("fs_job", resources: ["io_manager": manager]) { sum(take()) }
        let result = try await job.executeInProcess(runConfig: ["ops": ["take": ["config": ["limit": 4]]]])
        #expect(try result.output(forNode: "sum", as: Int.self) == 6)
        let stored = directory.appendingPathComponent(result.runID.rawValue).appendingPathComponent("take/result")
        #expect(try String(contentsOf: stored, encoding: .utf8) == "[0,1,2,3]")
    }

    @Test func typeCheckFailureFailsTheStep() async throws {
        let positive = DagsterType(name: "Positive") { (value: Int) in
            TypeCheck(success: value > 0, description: "\(value) must be positive")
        }
        let negative = Op("negative", outputType: positive) { (_: OpContext) in -1 }
        let result = try await Job("typed") { negative() }.executeInProcess(raiseOnError: false)
        let output = try #require(result.dagsterEvents.first { $0.eventType == .stepOutput }?.stepOutputData)
        #expect(!output.typeCheck.success)
        #expect(result.stepFailures.count == 1)
    }
}
