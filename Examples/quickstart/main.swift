import Dagster
import DagsterCLI

/// The quickstart code location: `swift run quickstart job execute quickstart_etl`.
await DagsterCLI.main { try Definitions(jobs: [quickstartETL]) }
