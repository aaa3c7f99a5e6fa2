import DagsterCore

/// A node of a job's graph as the run-config schema sees it: an op with its config schema and
/// the inputs it can load from config, or a graph whose children are configured under `ops:`.
public enum OpConfigNode: Sendable, Hashable {
    /// An op. `config` is its schema (`nil`: no schema, any config is accepted and optional);
    /// `inputs` are the inputs loadable from config (input name → type; usually empty);
    /// `outputs` are the outputs whose IO manager takes per-output config.
    case op(
        name: String, config: ConfigField?, inputs: OrderedDictionary<String, ConfigType> = [:],
        outputs: OrderedDictionary<String, ConfigType> = [:])
    /// A graph. Without `config` its children are configured under its own `ops:`; with a
    /// config mapping (`config`) the graph takes `config:` instead and its children none.
    case graph(name: String, config: ConfigField? = nil, children: [OpConfigNode])

    /// The node's name, unique among its siblings.
    public var name: String {
        switch self {
        case .op(let name, _, _, _), .graph(let name, _, _): return name
        }
    }
}
