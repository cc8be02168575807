import Foundation
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// `riskreg verify`: every artifact a done checklist item claims must exist under the root.
package struct ArtifactVerifier {
    package var root: String

    package init(root: String) {
        self.root = root
    }

    package struct Problem: Equatable {
        package var source: String
        package var line: Int
        package var message: String

        package var description: String { "\(source):\(line): \(message)" }
    }

    package func verify(_ snapshot: RegisterSnapshot) -> (checked: Int, problems: [Problem]) {
        let result = verifyAll(snapshot)
        return (result.checked, result.problems)
    }

    /// Every done checklist item's artifact checked: repository paths must exist inside the
    /// root; URLs (`s3://…`, `https://…`) are listed as not checkable.
    package func verifyAll(_ snapshot: RegisterSnapshot) -> (checked: Int, problems: [Problem], urls: [Problem]) {
        var urls: [Problem] = []
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var problems: [Problem] = []
        var checked = 0
        for drill in snapshot.drills {
            for record in drill.checklist where record.done {
                guard let artifact = record.artifact else { continue }
                if artifact.contains("://") {
                    urls.append(Problem(source: drill.path, line: record.line, message: "artifact is a URL, not checkable: \(artifact)"))
                    continue
                }
                checked += 1
                if ContainedPath(artifact) == nil {
                    problems.append(Problem(source: drill.path, line: record.line, message: "artifact path escapes the repository root, not followed: \(artifact)"))
                    continue
                }
                let candidate = rootURL.appendingPathComponent(artifact).standardizedFileURL
                let resolved = candidate.resolvingSymlinksInPath()
                if resolved.path != rootURL.path && !resolved.path.hasPrefix(rootURL.path + "/") {
                    problems.append(Problem(source: drill.path, line: record.line, message: "artifact path escapes the repository root through a link, not followed: \(artifact)"))
                    continue
                }
                if !FileManager.default.fileExists(atPath: candidate.path) {
                    problems.append(Problem(source: drill.path, line: record.line, message: "artifact missing: \(artifact)"))
                }
            }
        }
        return (checked, problems, urls)
    }
}
