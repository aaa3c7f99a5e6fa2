// The module users import: definitions, config, execution and storage in one.
@_exported import DagsterConfig
@_exported import DagsterCore
@_exported import DagsterDefinitions
@_exported import DagsterExecution
@_exported import DagsterStorage
