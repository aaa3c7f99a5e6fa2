import Dagster
import DagsterCLI

/// The quickstart code location: `swift run quickstart job execute quickstart_etl`, or
/// `swift run quickstart asset materialize --select '*' --partition north`.
await DagsterCLI.main {
    try Definitions(
        assets: [regionalOrders, regionalRevenue], assetChecks: [regionalOrdersNotEmpty], jobs: [quickstartETL])
}
