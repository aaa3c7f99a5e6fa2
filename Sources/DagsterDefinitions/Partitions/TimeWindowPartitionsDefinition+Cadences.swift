import DagsterCore

extension TimeWindowPartitionsDefinition {
    /// The default key format of hourly partitions.
    public static let hourlyFormat = "%Y-%m-%d-%H:%M"
    /// The default key format of daily, weekly and monthly partitions.
    public static let dateFormat = "%Y-%m-%d"

    /// One partition per hour, starting `minuteOffset` minutes past the hour (Dagster's
    /// `HourlyPartitionsDefinition`). The start is written like `2024-01-01-00:00`.
    public static func hourly(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, timezone: String = "UTC",
        fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        try Self(
            cronSchedule: "\(minuteOffset) * * * *", start: startDate, end: endDate, timezone: timezone,
            fmt: fmt ?? hourlyFormat, endOffset: endOffset)
    }

    /// One partition per day, starting at `hourOffset:minuteOffset` (Dagster's
    /// `DailyPartitionsDefinition`).
    public static func daily(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, hourOffset: Int = 0,
        timezone: String = "UTC", fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        try Self(
            cronSchedule: "\(minuteOffset) \(hourOffset) * * *", start: startDate, end: endDate, timezone: timezone,
            fmt: fmt ?? dateFormat, endOffset: endOffset)
    }

    /// One partition per week, starting on `dayOffset` (0 = Sunday, the default) at
    /// `hourOffset:minuteOffset` (Dagster's `WeeklyPartitionsDefinition`).
    public static func weekly(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, hourOffset: Int = 0,
        dayOffset: Int = 0, timezone: String = "UTC", fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        try Self(
            cronSchedule: "\(minuteOffset) \(hourOffset) * * \(dayOffset)", start: startDate, end: endDate,
            timezone: timezone, fmt: fmt ?? dateFormat, endOffset: endOffset)
    }

    /// One partition per month, starting on day `dayOffset` (default 1; 0 also means 1) at
    /// `hourOffset:minuteOffset` (Dagster's `MonthlyPartitionsDefinition`).
    public static func monthly(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, hourOffset: Int = 0,
        dayOffset: Int = 1, timezone: String = "UTC", fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        try Self(
            cronSchedule: "\(minuteOffset) \(hourOffset) \(dayOffset == 0 ? 1 : dayOffset) * *", start: startDate,
            end: endDate, timezone: timezone, fmt: fmt ?? dateFormat, endOffset: endOffset)
    }
}
