/// A named piece of a site build, run over the build's one context (like Publish's
/// `PublishingStep`). The name is what progress prints (`[3/9] Rendering drill pages`) and
/// what an error from the step starts with.
struct BuildStep: Sendable {
    var name: String
    /// Everything the step reads and makes goes through the context; the closure captures nothing.
    var run: @Sendable (inout BuildContext) throws -> Void
}
