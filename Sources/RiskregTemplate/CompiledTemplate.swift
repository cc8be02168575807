/// One template, parsed once into a tree of nodes, with where it came from for messages.
package struct CompiledTemplate: Sendable {
    package var name: String
    /// The file it was read from (or its name), as errors print it.
    package var file: String
    package var nodes: [TemplateNode]
    /// A first guess at the output's size: the source's.
    package var sourceSize: Int
}
