/// What one imported markdown file turned out to be.
package enum ParsedDocument: Sendable {
    case register(Register)
    case shipLog(Drill, warnings: [String])
}
