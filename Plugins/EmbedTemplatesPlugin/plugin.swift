import Foundation
import PackagePlugin

/// Builds riskreg's own templates and stylesheet (`templates/` at the package root) into the
/// site target, so an installed `riskreg build` needs no files beside the binary. Runs again
/// whenever a file in `templates/` changes.
@main
struct EmbedTemplatesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "templates")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { file in [".mustache", ".css", ".svg", ".ico"].contains { file.lastPathComponent.hasSuffix($0) } }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding templates/ (\(files.count) files)",
                executable: try context.tool(named: "EmbedTemplates").url,
                arguments: [output.path] + files.map { $0.path },
                inputFiles: files,
                outputFiles: [output]),
        ]
    }
}
