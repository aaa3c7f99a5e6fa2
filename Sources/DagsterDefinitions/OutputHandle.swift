import DagsterCore

/// Any handle to a node's output, whatever its value type; used for ordering-only dependencies.
public protocol AnyOutputHandle: Sendable {
    /// Where the value comes from.
    var source: InputSource { get }
}

/// A typed handle to an output of a node inside a graph or job body. Passing it to another op
/// wires that op's input; the compiler checks that the types match.
public struct OutputHandle<Value>: AnyOutputHandle {
    /// Where the value comes from.
    public let source: InputSource

    /// Wraps a source; the engine and builders create handles, users get them from invocations.
    public init(source: InputSource) { self.source = source }
}

/// The sources of a pack of handles, in order.
func sources<each T>(of handles: repeat OutputHandle<each T>) -> [InputSource] {
    var result: [InputSource] = []
    for handle in repeat each handles { result.append(handle.source) }
    return result
}

/// Gathers several outputs of the same type into one list input (Dagster's fan-in).
///
/// ```swift
/// let total = Op("total", ins: "parts") { (ctx: OpContext, parts: [Int]) in parts.reduce(0, +) }
/// Job("sum") { total(fanIn(items.map { $0() })) }
/// ```
public func fanIn<T>(_ handles: [OutputHandle<T>]) -> OutputHandle<[T]> {
    OutputHandle(source: .fanIn(handles.map(\.source)))
}

/// Values produced for a dynamic output: each with a mapping key that names its mapped step.
public struct DynamicOutputs<Element: Sendable>: Sendable {
    /// The values in the order produced, each with its mapping key.
    public var items: [(mappingKey: String, value: Element)]

    /// Creates dynamic outputs from (key, value) pairs.
    public init(_ items: [(mappingKey: String, value: Element)] = []) { self.items = items }

    /// Adds one value under `mappingKey` (letters, digits and underscores).
    public mutating func append(_ value: Element, mappingKey: String) {
        items.append((mappingKey, value))
    }
}

/// Marks return types whose op output is dynamic.
protocol DynamicOutputsConvertible {
    var erasedItems: [(mappingKey: String, value: any Sendable)] { get }
    static var elementValueType: ValueType { get }
}

extension DynamicOutputs: DynamicOutputsConvertible {
    var erasedItems: [(mappingKey: String, value: any Sendable)] { items.map { ($0.mappingKey, $0.value) } }
    static var elementValueType: ValueType { .of(Element.self) }
}

/// The steps mapped over a dynamic output: `source.map { x in double(x) }` gives one of these;
/// `collect()` gathers its values into one list input.
public struct DynamicHandle<Value>: Sendable {
    let node: String
    let output: String
    /// The dynamic output the mapped steps are keyed by.
    let scope: InputSource

    /// Gathers every mapped value into a list, for a downstream op (Dagster's `collect`).
    public func collect() -> OutputHandle<[Value]> {
        OutputHandle(source: .collected(node: node, output: output))
    }

    /// Maps a further body over each mapped value, step by step within each mapping key.
    public func map<R>(_ body: (OutputHandle<Value>) -> OutputHandle<R>) -> DynamicHandle<R> {
        mapDynamic(elementSource: .output(node: node, output: output), scope: scope, body)
    }
}

extension OutputHandle {
    /// Fans a dynamic output out: `body` runs once per mapping key at execution time.
    public func map<Element, R>(_ body: (OutputHandle<Element>) -> OutputHandle<R>) -> DynamicHandle<R>
    where Value == DynamicOutputs<Element> {
        guard case .output(let node, let output) = source else {
            GraphBuilder.current?.reportError("map() needs the output of a node, not \(source)")
            return DynamicHandle(node: "", output: "", scope: .detached("invalid map"))
        }
        let element = InputSource.mappedElement(node: node, output: output)
        return mapDynamic(elementSource: element, scope: element, body)
    }
}

private func mapDynamic<T, R>(
    elementSource: InputSource, scope: InputSource, _ body: (OutputHandle<T>) -> OutputHandle<R>
) -> DynamicHandle<R> {
    guard let builder = GraphBuilder.current else { return DynamicHandle(node: "", output: "", scope: .detached("invalid map")) }
    let result = builder.withDynamicScope(scope) { body(OutputHandle(source: elementSource)) }
    guard case .output(let node, let output) = result.source else {
        builder.reportError("the body of map() must return the output of an op invoked inside it")
        return DynamicHandle(node: "", output: "", scope: .detached("invalid map"))
    }
    return DynamicHandle(node: node, output: output, scope: scope)
}
