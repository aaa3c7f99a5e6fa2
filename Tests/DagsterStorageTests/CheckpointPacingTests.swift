@testable import DagsterSQLite
import Testing

/// When commits ask for WAL checkpoints.
@Suite("Checkpoint pacing")
struct CheckpointPacingTests {
    @Test func aBackgroundCheckpointOncePerThresholdOfGrowthAndAgainAfterTheWALStartsOver() {
        var pacing = CheckpointPacing(background: 100, inline: 1000)
        func actions(_ frames: [Int32], running: Bool = false) -> [CheckpointPacing.Action] {
            frames.map { pacing.afterCommit(walFrames: $0, checkpointRunning: running) }
        }
        #expect(actions([10, 99, 100, 110, 199]) == [.none, .none, .background, .none, .none])
        #expect(actions([200]) == [.background])
        #expect(actions([400], running: true) == [.none])
        #expect(actions([400]) == [.background])
        // The WAL started over: the next crossing of the threshold asks again at once, even at
        // the size the last request was made at.
        #expect(actions([5, 400]) == [.none, .background])
        #expect(actions([5, 150]) == [.none, .background])
        #expect(actions([1000, 1010], running: true) == [.inline, .inline])
    }
}
