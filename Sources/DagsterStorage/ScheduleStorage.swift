import DagsterCore

/// Stores the state of schedules and sensors and the history of their ticks, for the daemon.
public protocol ScheduleStorage: Sendable {
    /// Every stored state, of one type when `type` is set, in name order.
    func allInstigatorStates(type: InstigatorType?) async throws -> [InstigatorState]
    /// The state with `originID`, or `nil`.
    func getInstigatorState(_ originID: String) async throws -> InstigatorState?
    /// Adds or replaces a state.
    func upsertInstigatorState(_ state: InstigatorState) async throws
    /// Deletes a state and its ticks.
    func deleteInstigatorState(_ originID: String) async throws
    /// Stores a new tick and returns it with its storage id.
    func createTick(_ tick: InstigatorTick) async throws -> InstigatorTick
    /// Replaces a stored tick (matched by its id).
    /// - Throws: `DagsterError(.notFound)` for an unknown tick.
    func updateTick(_ tick: InstigatorTick) async throws
    /// The ticks of an instigator, newest first, optionally only in some statuses and before or
    /// after a time.
    func getTicks(_ originID: String, statuses: Set<TickStatus>?, after: Double?, before: Double?, limit: Int?)
        async throws -> [InstigatorTick]
    /// Deletes an instigator's ticks older than `before`, only those in `statuses` when set.
    func purgeTicks(_ originID: String, before: Double, statuses: Set<TickStatus>?) async throws
    /// Deletes every state and tick.
    func wipe() async throws
}
