import Dagster
import DagsterCLI

/// The quickstart code location: `swift run quickstart job execute quickstart_etl`, or
/// `swift run quickstart asset materialize --select 'group:sales' --partition north`.
await DagsterCLI.main {
    try Definitions(
        assets: [regionalOrders, regionalRevenue, dailySales], assetChecks: [regionalOrdersNotEmpty], jobs: [quickstartETL])
}
