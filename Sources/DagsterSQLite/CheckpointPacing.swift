/// When a connection's commits ask for a WAL checkpoint, from the WAL's size (in frames) after
/// each commit.
///
/// A checkpoint that runs while writers go on copies only the frames that were there when it
/// began, so the WAL cannot start over and stays past the threshold. Asking again at every
/// commit over it ran a checkpoint (two fsyncs) per commit, a third of W5's insert time; a
/// background checkpoint is therefore asked for once per `background` frames of growth, and
/// again from the start once the WAL has started over.
struct CheckpointPacing {
    /// What a commit should do.
    enum Action: Equatable {
        case none
        /// Ask the background queue for a checkpoint.
        case background
        /// Checkpoint on the committing connection: the WAL has grown far beyond the threshold
        /// (background checkpoints cannot keep up, or never got to run in a short-lived process).
        case inline
    }

    /// WAL frames after which a background checkpoint is asked for.
    let background: Int32
    /// WAL frames after which the committing connection checkpoints itself.
    let inline: Int32
    /// The WAL's size when the last background checkpoint was asked for; 0 since it started over.
    private var requestedAt: Int32 = 0

    /// Pacing with the two thresholds.
    init(background: Int32, inline: Int32) {
        self.background = background
        self.inline = inline
    }

    /// The action for a commit that left `frames` frames in the WAL, while a background
    /// checkpoint is running or not.
    mutating func afterCommit(walFrames frames: Int32, checkpointRunning: Bool) -> Action {
        guard frames >= background else {
            requestedAt = 0  // below the threshold: the WAL has started over (or never grew)
            return .none
        }
        if frames >= inline { return .inline }
        guard !checkpointRunning, requestedAt == 0 || frames - requestedAt >= background else { return .none }
        requestedAt = frames
        return .background
    }
}
