/// What one imported markdown file turned out to be.
enum ParsedDocument: Sendable {
    case register(Register)
    case shipLog(Drill, warnings: [String])
}
