import DagsterCore

/// Schedule storage in memory, for ephemeral instances and tests.
public actor InMemoryScheduleStorage: ScheduleStorage {
    private var states: [String: InstigatorState] = [:]
    private var ticks: [Int64: InstigatorTick] = [:]
    private var nextTickID: Int64 = 1

    /// An empty storage.
    public init() {}

    public func allInstigatorStates(type: InstigatorType?) -> [InstigatorState] {
        states.values.filter { type == nil || $0.type == type }.sorted { ($0.name, $0.originID) < ($1.name, $1.originID) }
    }

    public func getInstigatorState(_ originID: String) -> InstigatorState? { states[originID] }

    public func upsertInstigatorState(_ state: InstigatorState) { states[state.originID] = state }

    public func deleteInstigatorState(_ originID: String) {
        states[originID] = nil
        ticks = ticks.filter { $0.value.originID != originID }
    }

    public func createTick(_ tick: InstigatorTick) -> InstigatorTick {
        var stored = tick
        stored.tickID = nextTickID
        nextTickID += 1
        ticks[stored.tickID] = stored
        return stored
    }

    public func updateTick(_ tick: InstigatorTick) throws {
        guard ticks[tick.tickID] != nil else { throw DagsterError(.notFound, "no tick with id \(tick.tickID)") }
        ticks[tick.tickID] = tick
    }

    public func getTicks(_ originID: String, statuses: Set<TickStatus>?, after: Double?, before: Double?, limit: Int?)
        -> [InstigatorTick]
    {
        let matching = ticks.values.filter { tick in
            tick.originID == originID && (statuses?.contains(tick.status) ?? true)
                && (after.map { tick.timestamp > $0 } ?? true) && (before.map { tick.timestamp < $0 } ?? true)
        }.sorted { ($0.timestamp, $0.tickID) > ($1.timestamp, $1.tickID) }
        return limit.map { Array(matching.prefix($0)) } ?? matching
    }

    public func purgeTicks(_ originID: String, before: Double, statuses: Set<TickStatus>?) {
        ticks = ticks.filter { _, tick in
            !(tick.originID == originID && tick.timestamp < before && (statuses?.contains(tick.status) ?? true))
        }
    }

    public func wipe() {
        states.removeAll()
        ticks.removeAll()
    }
}
